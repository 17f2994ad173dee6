/* llm-eval report: builds the tables and ECharts charts of the page from the embedded JSON (#report-data).
 * The numbers come computed from the Java side (io.llmeval.report); this script formats and draws them.
 * window.llmEvalReport exposes the charts and the render time to the browser test and the benchmark. */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var main = document.getElementById('report');
  var state = { charts: [], groups: {}, errors: [], done: false, renderMs: null, allDone: false, allRenderMs: null,
    refreshes: 0, refreshMs: null };
  window.llmEvalReport = state;

  // Okabe-Ito: distinguishable with colour-vision deficiencies, readable on light and dark backgrounds.
  var PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#999999'];
  var ALERT_COLORS = {
    latency_p95_high: '#E69F00', error_rate_high: '#D55E00', hallucination_spike: '#CC79A7',
    drift_detected: '#56B4E9'
  };
  var PANEL_HEIGHT = 130;
  var PANEL_GAP = 62;
  var ZOOM_STEP = 0.5;
  var PAN_STEP = 0.25;

  // ---------------------------------------------------------------- formatting

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function isNum(v) { return typeof v === 'number' && isFinite(v); }

  function fmtInt(v) { return isNum(v) ? Math.round(v).toLocaleString('en-US') : '—'; }

  function fmtPct(v, digits) {
    return isNum(v) ? (v * 100).toFixed(digits === undefined ? 2 : digits) + '%' : '—';
  }

  function fmtMs(v) {
    if (!isNum(v)) { return '—'; }
    return (Math.abs(v) >= 100 ? fmtInt(v) : v.toFixed(1)) + ' ms';
  }

  function fmtUsd(v) {
    if (!isNum(v)) { return '—'; }
    return '$' + (Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
  }

  function fmtNum(v) { return isNum(v) ? Number(v.toPrecision(4)).toString() : '—'; }

  function fmtTime(ms) {
    return isNum(ms) ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '—';
  }

  function keyLabel(k) { return k.model + '/' + k.route; }

  /** How an alert's value and threshold read: latency in ms, rates in %, drift statistics as numbers. */
  function fmtAlertValue(alert, v) {
    if (alert.indexOf('latency') >= 0) { return fmtMs(v); }
    if (alert.indexOf('rate') >= 0 || alert.indexOf('spike') >= 0) { return fmtPct(v); }
    return fmtNum(v);
  }

  var COLUMNS = [
    { id: 'requests', title: 'Requests', fmt: fmtInt },
    { id: 'error_rate', title: 'Error rate', fmt: function (v) { return fmtPct(v); } },
    { id: 'latency_p95_median_ms', title: 'p95 latency, median window', fmt: fmtMs },
    { id: 'latency_p95_max_ms', title: 'p95 latency, worst window', fmt: fmtMs },
    { id: 'hallucination_rate', title: 'Hallucination rate (95% interval)', fmt: function (v, s) {
      return isNum(v) ? fmtPct(v) + ' (' + fmtPct(s.hallucination_rate_low, 1) + '–' + fmtPct(s.hallucination_rate_high, 1) + ')' : '—';
    } },
    { id: 'scored', title: 'Scored answers', fmt: fmtInt, unmarked: true },
    { id: 'drift_windows_flagged', title: 'Drift windows flagged', drift: true, fmt: function (v, s) {
      return fmtInt(v) + ' of ' + fmtInt(s.drift_windows);
    } },
    { id: 'incidents', title: 'Alert incidents', fmt: fmtInt },
    { id: 'cost_usd_per_request', title: 'Cost per priced request', cost: true, fmt: fmtUsd },
    { id: 'cost_usd', title: 'Cost', cost: true, fmt: fmtUsd, unmarked: true }
  ];

  function columnsOf(run) {
    return COLUMNS.filter(function (c) { return (!c.drift || run.has_drift) && (!c.cost || run.has_cost); });
  }

  // ---------------------------------------------------------------- tables

  function summaryCell(column, summary, worst) {
    var value = summary[column.id];
    var isWorst = worst && worst.indexOf(column.id) >= 0;
    var td = el('td', {
      'data-column': column.id, 'data-value': isNum(value) ? String(value) : '',
      'class': isWorst ? 'worst' : null, title: isWorst ? 'worst key in this column' : null
    }, [column.fmt(value, summary)]);
    if (isWorst) {
      td.appendChild(el('span', { 'class': 'mark', 'aria-hidden': 'true' }, ['▲']));
      td.appendChild(el('span', { 'class': 'visually-hidden' }, [' (worst)']));
    }
    return td;
  }

  function summaryTable(run) {
    var columns = columnsOf(run);
    var head = el('tr', {}, [el('th', { scope: 'col' }, ['Model/route'])].concat(columns.map(function (c) {
      return el('th', { scope: 'col', 'data-column': c.id }, [c.title]);
    })));
    var body = el('tbody', {}, run.keys.map(function (k) {
      return el('tr', { 'data-key': keyLabel(k) }, [el('th', { scope: 'row' }, [keyLabel(k)])]
        .concat(columns.map(function (c) { return summaryCell(c, k.summary, c.unmarked ? null : k.worst); })));
    }));
    var foot = el('tfoot', {}, [el('tr', { 'data-key': '*' }, [el('th', { scope: 'row' }, ['All keys'])]
      .concat(columns.map(function (c) { return summaryCell(c, run.total, null); })))]);
    var table = el('table', { 'class': 'summary', 'data-run': run.label }, [
      el('caption', {}, ['Per model and route, ' + fmtTime(run.start) + ' to ' + fmtTime(run.end) +
        ' UTC. ▲ marks the worst key of a column. Latency columns are the median and the largest of the windows\' p95.']),
      el('thead', {}, [head]), body, foot]);
    return el('div', { 'class': 'table-wrap' }, [table]);
  }

  function incidentTable(run) {
    var incidents = [];
    run.keys.forEach(function (k) { k.incidents.forEach(function (i) { incidents.push(i); }); });
    incidents.sort(function (a, b) { return a.start - b.start || (a.alert < b.alert ? -1 : 1); });
    if (incidents.length === 0) {
      return el('p', { 'class': 'incidents-none' }, ['No alert fired in this range.']);
    }
    var rows = incidents.map(function (i, n) {
      var color = ALERT_COLORS[i.alert] || PALETTE[7];
      return el('tr', {
        id: 'incident-' + run.label + '-' + n, 'class': 'incident', 'data-alert': i.alert,
        'data-key': keyLabel(i), 'data-start': String(i.start), 'data-end': String(i.end)
      }, [
        el('th', { scope: 'row', 'class': 'text' }, [el('span', { 'class': 'swatch', style: 'background:' + color,
          'aria-hidden': 'true' }), i.alert]),
        el('td', { 'class': 'text' }, [keyLabel(i)]),
        el('td', {}, [fmtTime(i.start)]),
        el('td', {}, [i.open ? 'open at ' + fmtTime(i.end) : fmtTime(i.end)]),
        el('td', {}, [fmtInt(i.breached_windows)]),
        el('td', {}, [fmtAlertValue(i.alert, i.firing_value)]),
        el('td', {}, [fmtAlertValue(i.alert, i.resolved_value)]),
        el('td', {}, [fmtAlertValue(i.alert, i.threshold)]),
        el('td', { 'class': 'ids' }, [i.exemplars.length ? i.exemplars.join(' ') : '—'])
      ]);
    });
    var head = el('tr', {}, ['Alert', 'Model/route', 'From (UTC)', 'To (UTC)', 'Windows', 'Value when firing',
      'Value when resolved', 'Threshold', 'Exemplar trace ids'].map(function (t) { return el('th', { scope: 'col' }, [t]); }));
    return el('div', { 'class': 'table-wrap' }, [el('table', { 'class': 'incidents', 'data-run': run.label }, [
      el('caption', {}, ['Each incident runs from the start of its first breached window to the end of its last; ' +
        'the charts shade the same spans.']),
      el('thead', {}, [head]), el('tbody', {}, rows)])]);
  }

  var VERDICT_MARKS = { worse: '▲ worse', better: '▼ better', changed: '● changed' };

  function comparisonTable(comparison, runs) {
    var columns = columnsOf(runs[0]).filter(function (c) {
      return (!c.drift || runs[1].has_drift) && (!c.cost || runs[1].has_cost) && !c.unmarked;
    });
    var head = el('tr', {}, [el('th', { scope: 'col' }, ['Model/route'])].concat(columns.map(function (c) {
      return el('th', { scope: 'col' }, [c.title + ': A → B']);
    })));
    var body = comparison.rows.map(function (row) {
      var label = row.model === null ? 'All keys' : row.model + '/' + row.route;
      var cells = columns.map(function (c) {
        if (!row.a || !row.b) {
          return el('td', { 'class': 'text', 'data-column': c.id }, [row.a ? 'only in A' : 'only in B']);
        }
        var change = row.changes[c.id];
        var verdict = change ? change.verdict : 'same';
        var td = el('td', { 'data-column': c.id, 'data-verdict': verdict, 'class': verdict === 'same' ? null : verdict },
          [c.fmt(row.a[c.id], row.a) + ' → ' + c.fmt(row.b[c.id], row.b)]);
        if (VERDICT_MARKS[verdict]) {
          td.appendChild(el('span', { 'class': 'mark' }, [' ' + VERDICT_MARKS[verdict]]));
        }
        return td;
      });
      return el('tr', { 'data-key': row.model === null ? '*' : label }, [el('th', { scope: 'row' }, [label])].concat(cells));
    });
    return el('div', { 'class': 'table-wrap' }, [el('table', { 'class': 'comparison' }, [
      el('caption', {}, ['Run B against run A. Highlighted: a change of more than 10% of A (and more than the ' +
        'column\'s noise floor); red is worse, green better.']),
      el('thead', {}, [head]), el('tbody', {}, body)])]);
  }

  function stageTable(k) {
    var rows = k.stages.map(function (s) {
      return el('tr', { 'data-stage': s.stage }, [el('th', { scope: 'row', 'class': 'text' }, [s.stage]),
        el('td', {}, [fmtInt(s.span_count)]), el('td', {}, [fmtMs(s.duration_p95_median_ms)]),
        el('td', {}, [fmtPct(s.share_of_latency_mean, 1)])]);
    });
    return el('div', { 'class': 'table-wrap' }, [el('table', { 'class': 'stages' }, [
      el('caption', {}, ['Stages of ' + keyLabel(k) + ' (from stages/).']),
      el('thead', {}, [el('tr', {}, ['Stage', 'Spans', 'p95 duration, median window', 'Share of latency, mean']
        .map(function (t) { return el('th', { scope: 'col' }, [t]); }))]),
      el('tbody', {}, rows)])]);
  }

  function deadLetterTable(run) {
    var rows = run.dead_letters.map(function (d) {
      return el('tr', { 'data-reason': d.reason }, [el('th', { scope: 'row', 'class': 'text' }, [d.reason]),
        el('td', { 'data-value': String(d.count) }, [fmtInt(d.count)]),
        el('td', { 'class': 'ids' }, [d.examples.join(' ')])]);
    });
    return el('div', { 'class': 'table-wrap' }, [el('table', { 'class': 'dead-letters', 'data-run': run.label }, [
      el('caption', {}, ['Dead letters by reason (the whole input: a dead letter has no valid key or time).']),
      el('thead', {}, [el('tr', {}, ['Reason', 'Lines', 'First sources'].map(function (t) {
        return el('th', { scope: 'col' }, [t]);
      }))]),
      el('tbody', {}, rows)])]);
  }

  // ---------------------------------------------------------------- chart options

  var BANDS = [['latency', 'latency_p50_ms', 'latency_p99_ms'], ['ttft', 'ttft_p50_ms', 'ttft_p95_ms'],
    ['hallucination', 'hallucination_rate_low', 'hallucination_rate_high']];

  /**
   * The shaded bands of a key between t0 and t1: per band a base (its low column) and a width (high - low) for two
   * stacked series. Downsampled to one row per bucket spanning the bucket's lowest low to its highest high: the
   * area every window's band covers there. (An envelope of two rows per bucket would zigzag, and filling such a
   * polygon cost seconds of software rasterising per chart.)
   */
  function bandView(w, t0, t1, maxRows) {
    var cols = { window_start: w.window_start };
    var lows = BANDS.map(function (b) {
      cols[b[0] + '_low'] = w[b[1]];
      cols[b[0] + '_high'] = w[b[2]];
      return b[0] + '_low';
    });
    var v = view(cols, t0, t1, Math.ceil(maxRows / 2), false, lows);
    BANDS.forEach(function (b) { v[b[0] + '_band'] = diff(v[b[0] + '_high'], v[b[0] + '_low']); });
    return v;
  }

  /**
   * The rows of {@code cols} (columns sorted by window_start) that a chart shows from t0 to t1. When they fit in
   * maxRows: all of them, plus one on each side so that lines reach the edges (full resolution). Otherwise the
   * windows are cut into buckets of consecutive windows. As an envelope (lines), two rows per bucket, one with
   * each column's minimum over the bucket and one with its maximum: with a bucket per pixel that is what a line
   * through every window would draw. Otherwise one row per bucket, from the bucket's first start, each column its
   * maximum (a drift bucket is flagged when one of its windows is) or, for the columns named in {@code lowest},
   * its minimum. Either way a chart gets at most maxRows rows, whatever the number of windows.
   */
  function view(cols, t0, t1, maxRows, envelope, lowest) {
    var t = cols.window_start;
    var lo = Math.max(0, firstAtOrAfter(t, t0) - 1);
    var hi = Math.min(t.length, firstAtOrAfter(t, t1 + 1) + 1);
    var names = Object.keys(cols);
    var out = {};
    if (hi - lo <= maxRows) {
      names.forEach(function (n) { out[n] = cols[n].slice(lo, hi); });
      return out;
    }
    var perBucket = envelope ? 2 : 1;
    var buckets = Math.floor(maxRows / perBucket);
    names.forEach(function (n) { out[n] = new Array(perBucket * buckets); });
    for (var b = 0; b < buckets; b++) {
      var from = lo + Math.floor(b * (hi - lo) / buckets);
      var to = lo + Math.floor((b + 1) * (hi - lo) / buckets);
      for (var c = 0; c < names.length; c++) {
        var column = cols[names[c]];
        var min = null, max = null;
        for (var i = from; i < to; i++) {
          var v = column[i];
          if (v !== null) {
            if (min === null || v < min) { min = v; }
            if (max === null || v > max) { max = v; }
          }
        }
        if (names[c] === 'window_start') {
          min = t[from];
          max = t[to - 1];
        }
        if (envelope) {
          out[names[c]][2 * b] = min;
          out[names[c]][2 * b + 1] = max;
        } else {
          out[names[c]][b] = names[c] === 'window_start' || (lowest && lowest.indexOf(names[c]) >= 0) ? min : max;
        }
      }
    }
    return out;
  }

  function firstAtOrAfter(sorted, value) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  function diff(high, low) {
    return high.map(function (h, i) { return isNum(h) && isNum(low[i]) ? h - low[i] : null; });
  }

  var TIME_LABELS = { year: '{yyyy}-{MM}-{dd}', month: '{yyyy}-{MM}-{dd}', day: '{MM}-{dd}', hour: '{HH}:{mm}',
    minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}', millisecond: '{HH}:{mm}:{ss}' };

  function timeAxis(gridIndex, run) {
    return { type: 'time', gridIndex: gridIndex, min: run.start, max: run.end, splitLine: { show: false },
      axisLabel: { hideOverlap: true, fontSize: 11, formatter: TIME_LABELS } };
  }

  /** The panels of a key's chart, one grid each, on the run's time axis. A panel's legend names its lines;
   * {@code top} is its highest column (for the shared scale of a comparison). */
  function panelsOf(run) {
    var panels = [
      { id: 'latency', title: 'Latency (ms), shaded p50–p99', unit: fmtMs, band: ['latency_low', 'latency_band'],
        top: 'latency_p99_ms',
        lines: [['latency_p50_ms', 'latency p50'], ['latency_p95_ms', 'latency p95'], ['latency_p99_ms', 'latency p99']] },
      { id: 'ttft', title: 'Time to first token (ms), shaded p50–p95', unit: fmtMs, band: ['ttft_low', 'ttft_band'],
        top: 'ttft_p95_ms', lines: [['ttft_p50_ms', 'TTFT p50'], ['ttft_p95_ms', 'TTFT p95']] },
      { id: 'traffic', title: 'Requests/s (left), error rate (right)', unit: fmtNum,
        lines: [['rps', 'requests/s']], right: { unit: fmtPct, percent: true, lines: [['error_rate', 'error rate']] } },
      { id: 'hallucination', title: 'Hallucination rate, shaded its Wilson 95% interval', unit: fmtPct, percent: true,
        band: ['hallucination_low', 'hallucination_band'], top: 'hallucination_rate_high',
        lines: [['hallucination_rate', 'hallucination rate']],
        right: { unit: fmtInt, lines: [['scored_count', 'answers scored']], faint: true } }
    ];
    if (run.has_drift) {
      panels.push({ id: 'drift', title: 'Drift per drift window: red drift, blue none, grey no verdict', drift: true });
    }
    if (run.has_cost) {
      panels.push({ id: 'cost', title: 'Cost, USD', unit: fmtUsd, lines: [['cost_usd_per_request', 'per request']],
        right: { unit: fmtUsd, lines: [['cost_usd_sum', 'per window']] } });
    }
    if (run.has_stages) {
      panels.push({ id: 'stages', title: 'Stage duration p95 (ms)', unit: fmtMs, stages: true });
    }
    return panels;
  }

  function lineSeries(name, datasetIndex, xAxis, yAxis, y, color, extra) {
    var s = {
      type: 'line', name: name, datasetIndex: datasetIndex, xAxisIndex: xAxis, yAxisIndex: yAxis,
      encode: { x: 'window_start', y: y }, showSymbol: false, symbolSize: 4,
      connectNulls: false, lineStyle: { width: 1.5 }, itemStyle: { color: color }, emphasis: { disabled: true }
    };
    Object.keys(extra || {}).forEach(function (k) { s[k] = extra[k]; });
    return s;
  }

  /** Two stacked series: an invisible base and the band width above it, filled. */
  function bandSeries(id, base, width, xAxis, yAxis, color) {
    var common = { stack: id, lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } };
    return [
      lineSeries('_' + id + ' base', 2, xAxis, yAxis, base, color, common),
      lineSeries('_' + id, 2, xAxis, yAxis, width, color, Object.assign({ areaStyle: { opacity: 0.18, color: color } }, common))
    ];
  }

  var DRIFT_COLORS = { flagged: '#D55E00', clean: '#0072B2', none: '#999999' };

  /** One rectangle per drift window, from its start to its end, as high as its score and coloured by verdict
   * (a window without a verdict is a faint full-height grey). A custom series: bars would widen the time axis
   * and stop lining up with the panels above. Not progressive: ECharts would otherwise draw a few hundred
   * rectangles per frame, and 20,000 drift windows took 30 s to appear (bench/report-bench.sh). */
  function driftWindowSeries(xAxis, yAxis) {
    return {
      type: 'custom', name: 'drift score', datasetIndex: 1, xAxisIndex: xAxis, yAxisIndex: yAxis, clip: true,
      progressive: 0,
      encode: { x: ['window_start', 'window_end'], y: 'drift_score', tooltip: ['drift_score'] },
      itemStyle: { color: DRIFT_COLORS.clean },
      renderItem: function (params, api) {
        var verdict = api.value('drift_detected');
        var noVerdict = !isNum(verdict);
        var start = api.coord([api.value('window_start'), 0]);
        var end = api.coord([api.value('window_end'), noVerdict ? 1 : api.value('drift_score')]);
        return {
          type: 'rect',
          shape: { x: start[0] + 1, y: end[1], width: Math.max(1, end[0] - start[0] - 2), height: start[1] - end[1] },
          style: { fill: noVerdict ? DRIFT_COLORS.none : verdict === 1 ? DRIFT_COLORS.flagged : DRIFT_COLORS.clean,
            opacity: noVerdict ? 0.25 : 0.85 }
        };
      }
    };
  }

  function incidentAreas(incidents, showLabels) {
    return {
      silent: false,
      label: { show: showLabels, position: 'insideTop', fontSize: 11 },
      data: incidents.map(function (i) {
        var color = ALERT_COLORS[i.alert] || PALETTE[7];
        return [{
          name: i.alert + (i.open ? ' (open)' : ''), xAxis: i.start,
          itemStyle: { color: color, opacity: 0.16, borderColor: color, borderWidth: 1 },
          tooltip: { formatter: incidentText(i) }
        }, { xAxis: i.end }];
      })
    };
  }

  function incidentText(i) {
    return i.alert + ' ' + keyLabel(i) + ', ' + fmtTime(i.start) + ' to ' + fmtTime(i.end) + ' UTC' +
      (i.open ? ' (still open)' : '') + ': ' + fmtAlertValue(i.alert, i.firing_value) + ' when firing, threshold ' +
      fmtAlertValue(i.alert, i.threshold) + (i.exemplars.length ? '; exemplars ' + i.exemplars.join(', ') : '');
  }

  function axisMax(cols, names) {
    var max = null;
    names.forEach(function (n) {
      (cols[n] || []).forEach(function (v) { if (isNum(v) && (max === null || v > max)) { max = v; } });
    });
    return max;
  }

  function yAxis(gridIndex, position, percent, sharedMax) {
    var axis = {
      type: 'value', gridIndex: gridIndex, position: position, splitNumber: 3,
      axisLabel: { formatter: percent ? function (v) { return fmtPct(v, 0); } : fmtAxis },
      splitLine: { show: position === 'left' }
    };
    if (isNum(sharedMax)) { axis.max = sharedMax; }
    return axis;
  }

  function fmtAxis(v) {
    var a = Math.abs(v);
    if (a >= 1e6) { return (v / 1e6) + 'M'; }
    if (a >= 1e4) { return (v / 1e3) + 'k'; }
    return String(Number(v.toPrecision(3)));
  }

  var PANEL_TOP = 30;

  /** The dataset sources of a key's chart between t0 and t1: windows, drift windows (a rectangle per 4 pixels at
   * most; window_mid is where a drift window's statistic is plotted), bands, stages. */
  function keySources(k) {
    return function (t0, t1, maxRows) {
      var drift = view(k.drift, t0, t1, Math.ceil(maxRows / 8), false);
      drift.window_mid = drift.window_start.map(function (s, i) { return (s + drift.window_end[i]) / 2; });
      return [view(k.windows, t0, t1, maxRows, true), drift, bandView(k.windows, t0, t1, maxRows)]
        .concat(k.stages.map(function (s) { return view(s.windows, t0, t1, maxRows, true); }));
    };
  }

  function keyChartOption(run, k, peers, sources) {
    var grids = [], xAxes = [], yAxes = [], series = [], titles = [], legends = [];
    var units = {};
    var datasets = sources.map(function (s) { return { source: s }; });
    function shared(panel, axis, cols) { return peers ? peers.sharedMax(panel, axis, cols) : null; }
    panelsOf(run).forEach(function (p, gi) {
      var top = PANEL_TOP + gi * (PANEL_HEIGHT + PANEL_GAP);
      var legend = [];
      function named(s, unit) {
        series.push(s);
        legend.push(s.name);
        units[s.name] = unit;
      }
      titles.push({ text: p.title, top: top - 26, left: 8, textStyle: { fontSize: 12, fontWeight: 'normal' } });
      grids.push({ top: top, height: PANEL_HEIGHT, left: 64, right: 64 });
      xAxes.push(timeAxis(gi, run));
      var left = yAxes.length;
      if (p.drift) {
        yAxes.push(yAxis(gi, 'left', false, 1));
        yAxes.push(yAxis(gi, 'right', false, shared(p.id, 1, ['drift_statistic_ratio'])));
        named(driftWindowSeries(gi, left), fmtNum);
        named(lineSeries('statistic ÷ threshold', 1, gi, left + 1, 'drift_statistic_ratio', '#E69F00',
          { encode: { x: 'window_mid', y: 'drift_statistic_ratio' }, showSymbol: true,
            markLine: { symbol: 'none', silent: true, label: { formatter: 'threshold', position: 'insideEndTop' },
              lineStyle: { type: 'dashed', color: '#E69F00' }, data: [{ yAxis: 1 }] } }), fmtNum);
      } else if (p.stages) {
        yAxes.push(yAxis(gi, 'left', false, null));
        k.stages.forEach(function (s, si) {
          named(lineSeries(s.stage, 3 + si, gi, left, 'duration_p95_ms', PALETTE[si % PALETTE.length]), fmtMs);
        });
      } else {
        var leftCols = p.lines.map(function (l) { return l[0]; }).concat(p.top ? [p.top] : []);
        yAxes.push(yAxis(gi, 'left', p.percent, shared(p.id, 0, leftCols)));
        if (p.band) {
          bandSeries(p.id + ' band', p.band[0], p.band[1], gi, left, PALETTE[0]).forEach(function (s) { series.push(s); });
        }
        p.lines.forEach(function (l, li) { named(lineSeries(l[1], 0, gi, left, l[0], PALETTE[li]), p.unit); });
        if (p.right) {
          yAxes.push(yAxis(gi, 'right', p.right.percent, shared(p.id, 1, p.right.lines.map(function (l) { return l[0]; }))));
          p.right.lines.forEach(function (l, li) {
            var color = p.right.faint ? '#999999' : PALETTE[(p.lines.length + li) % PALETTE.length];
            named(lineSeries(l[1], 0, gi, left + 1, l[0], color,
              p.right.faint ? { lineStyle: { width: 1, opacity: 0.7 } } : {}), p.right.unit);
          });
        }
      }
      legends.push({ type: 'scroll', top: top - 27, right: 8, width: '55%', data: legend, textStyle: { fontSize: 11 },
        itemWidth: 16, itemHeight: 9 });
      // Incident spans: on a series of their own (empty), so that hiding a line in the legend keeps them.
      series.push({ type: 'line', name: '_incidents ' + gi, data: [], xAxisIndex: gi, yAxisIndex: left,
        markArea: incidentAreas(k.incidents, gi === 0), tooltip: { show: false } });
    });
    return {
      option: {
        animation: false, useUTC: true, backgroundColor: 'transparent', color: PALETTE,
        aria: { enabled: true, label: { description: keyDescription(run, k) } },
        title: titles, grid: grids, xAxis: xAxes, yAxis: yAxes, series: series, dataset: datasets, legend: legends,
        axisPointer: { link: [{ xAxisIndex: 'all' }] },
        tooltip: { trigger: 'axis', confine: true, formatter: function (params) { return axisTooltip(params, units); } },
        dataZoom: [{ type: 'inside', xAxisIndex: xAxes.map(function (x, i) { return i; }), filterMode: 'none',
          zoomOnMouseWheel: 'shift', moveOnMouseWheel: false, moveOnMouseMove: true }]
      }
    };
  }

  function keyChartHeight(run) {
    return PANEL_TOP + panelsOf(run).length * (PANEL_HEIGHT + PANEL_GAP) - 24;
  }

  function axisTooltip(params, units) {
    if (!params.length) { return ''; }
    var lines = ['<b>' + fmtTime(params[0].axisValue) + ' UTC</b>'];
    params.forEach(function (p) {
      if (p.seriesName.charAt(0) === '_') { return; }
      var dim = p.encode && p.encode.y ? p.encode.y[0] : 1;
      var v = Array.isArray(p.value) ? p.value[dim] : p.value;
      if (!isNum(v)) { return; }
      lines.push(p.marker + p.seriesName + ': ' + (units[p.seriesName] || fmtNum)(v));
    });
    return lines.join('<br>');
  }

  function keyDescription(run, k) {
    var s = k.summary;
    var text = 'Charts of ' + keyLabel(k) + ' in run ' + run.label + ', ' + fmtTime(run.start) + ' to ' +
      fmtTime(run.end) + ' UTC, ' + fmtInt(s.windows) + ' windows: p95 latency median ' + fmtMs(s.latency_p95_median_ms) +
      ', worst ' + fmtMs(s.latency_p95_max_ms) + '; error rate ' + fmtPct(s.error_rate) + '; hallucination rate ' +
      fmtPct(s.hallucination_rate) + '.';
    if (run.has_drift) { text += ' Drift flagged in ' + s.drift_windows_flagged + ' of ' + s.drift_windows + ' drift windows.'; }
    text += k.incidents.length === 0 ? ' No incident.' : ' Incidents: ' + k.incidents.map(incidentText).join('; ') + '.';
    return text;
  }

  function overviewSources(run) {
    return function (t0, t1, maxRows) {
      return run.keys.map(function (k) { return view(k.windows, t0, t1, maxRows, true); });
    };
  }

  function overviewOption(run, sources) {
    var datasets = sources.map(function (s) { return { source: s }; });
    var series = run.keys.map(function (k, i) {
      return lineSeries(keyLabel(k), i, 0, 0, 'latency_p95_ms', PALETTE[i % PALETTE.length]);
    });
    var units = {};
    run.keys.forEach(function (k) { units[keyLabel(k)] = fmtMs; });
    return {
      animation: false, useUTC: true, backgroundColor: 'transparent', color: PALETTE,
      aria: { enabled: true, label: { description: 'p95 latency of every key of run ' + run.label + ' over ' +
        fmtTime(run.start) + ' to ' + fmtTime(run.end) + ' UTC; the slider below zooms every chart of the run.' } },
      legend: { type: 'scroll', top: 0, left: 8, right: 8, textStyle: { fontSize: 11 } },
      grid: { top: 34, bottom: 70, left: 64, right: 24 },
      xAxis: timeAxis(0, run),
      yAxis: { type: 'value', axisLabel: { formatter: fmtAxis } },
      dataset: datasets, series: series,
      tooltip: { trigger: 'axis', confine: true, formatter: function (p) { return axisTooltip(p, units); } },
      dataZoom: [{ type: 'slider', bottom: 12, filterMode: 'none', labelFormatter: function (v) { return fmtTime(v); } },
        { type: 'inside', filterMode: 'none', zoomOnMouseWheel: 'shift', moveOnMouseWheel: false }]
    };
  }

  function deadLetterOption(run) {
    var reasons = run.dead_letters.slice().reverse();
    return {
      animation: false, backgroundColor: 'transparent',
      aria: { enabled: true, label: { description: 'Dead letters by reason: ' + run.dead_letters.map(function (d) {
        return d.reason + ' ' + d.count; }).join(', ') + '.' } },
      grid: { top: 10, bottom: 30, left: 160, right: 40 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: reasons.map(function (d) { return d.reason; }) },
      tooltip: { trigger: 'item' },
      series: [{ type: 'bar', name: 'dead letters', data: reasons.map(function (d) { return d.count; }),
        itemStyle: { color: '#D55E00' }, label: { show: true, position: 'right' } }]
    };
  }

  // ---------------------------------------------------------------- charts, zoom, keyboard

  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  var pending = 0;

  /** A chart container: focusable, an image with a label for screen readers, and arrow/+/- keys to zoom. */
  function chartBox(id, label, height) {
    var box = el('div', { id: id, 'class': 'chart', tabindex: '0', role: 'img', 'aria-label': label,
      'aria-describedby': 'zoom-help', style: 'height:' + height + 'px' });
    box.addEventListener('keydown', function (e) {
      var group = box.getAttribute('data-group');
      var actions = { ArrowLeft: [-PAN_STEP, 0], ArrowRight: [PAN_STEP, 0], '+': [0, ZOOM_STEP], '=': [0, ZOOM_STEP],
        '-': [0, -1], '0': null, Home: null };
      if (!(e.key in actions)) { return; }
      e.preventDefault();
      var a = actions[e.key];
      if (a === null) { zoomGroup(group, 0, 100); } else { changeZoom(group, a[0], a[1]); }
    });
    return box;
  }

  /**
   * A chart to draw: {@code makeOption(sources)} builds its option from what {@code sources(t0, t1, maxRows)} gives
   * for the visible time range of the run's charts (the dead-letter chart has no time axis: no run, no sources).
   */
  function mountChart(box, run, makeOption, sources) {
    var group = run ? 'run-' + run.label : null;
    box.setAttribute('data-group', group || '');
    state.charts.push({ box: box, group: group, makeOption: makeOption, sources: sources || null, chart: null });
    if (group && !state.groups[group]) { state.groups[group] = { start: 0, end: 100, from: run.start, to: run.end }; }
  }

  /** A chart's data for its run's visible range: at most two rows per pixel of its width. */
  function sourcesOf(entry) {
    if (!entry.sources) { return null; }
    var z = state.groups[entry.group];
    var span = z.to - z.from;
    return entry.sources(z.from + span * z.start / 100, z.from + span * z.end / 100,
      2 * Math.max(200, entry.box.clientWidth));
  }

  /**
   * After a zoom or pan, once per frame: the run's charts near the viewport get the new range and its data; the
   * others are marked stale and catch up when scrolled near. (ECharts' own chart linking would redraw every chart
   * of the run at each step of a drag, which with 50 keys took seconds.)
   */
  function refreshGroup(group) {
    updateRangeText();
    var g = state.groups[group];
    if (g.refreshPending) { return; }
    g.refreshPending = true;
    requestAnimationFrame(function () {
      g.refreshPending = false;
      var started = performance.now();
      state.charts.forEach(function (entry) {
        if (entry.group !== group || !entry.chart) { return; }
        if (entry.near) { applyRange(entry); } else { entry.stale = true; }
      });
      state.refreshMs = performance.now() - started;
      state.refreshes++;
    });
  }

  /** Gives a drawn chart its run's visible range and the data for it. */
  function applyRange(entry) {
    var z = state.groups[entry.group];
    var update = { dataZoom: entry.chart.getOption().dataZoom.map(function () { return { start: z.start, end: z.end }; }) };
    if (entry.sources) {
      update.dataset = sourcesOf(entry).map(function (source) { return { source: source }; });
    }
    entry.chart.setOption(update);
    entry.stale = false;
  }

  function drawChart(entry) {
    var started = performance.now();
    var counted = false;
    function finished() {
      if (!counted) { counted = true; chartFinished(); }
    }
    try {
      var made = entry.makeOption(sourcesOf(entry));
      var chart = echarts.init(entry.box, darkQuery && darkQuery.matches ? 'dark' : null, { renderer: 'canvas' });
      entry.chart = chart;
      chart.on('finished', finished);
      if (entry.group) {
        chart.group = entry.group;
        chart.on('dataZoom', function () {
          var z = chart.getOption().dataZoom[0];
          state.groups[entry.group].start = z.start;
          state.groups[entry.group].end = z.end;
          refreshGroup(entry.group);
        });
      }
      chart.setOption(made.option);
      // ECharts' aria sets its own label on the container; keep ours, which names the key and its incidents.
      entry.box.setAttribute('aria-label', made.option.aria.label.description);
      var z = entry.group ? state.groups[entry.group] : null;
      if (z && (z.start > 0 || z.end < 100)) { applyRange(entry); }
    } catch (err) {
      state.errors.push(String(err && err.stack || err));
      console.error('llm-eval report: chart ' + entry.box.id + ' failed: ' + err);
      finished();
    }
    entry.drawMs = performance.now() - started;
  }

  /**
   * Draws the given charts (those not drawn yet). ECharts may report a chart finished while drawing it, so all
   * are counted before the first is drawn.
   */
  function drawCharts(entries) {
    var todo = entries.filter(function (c) { return !c.chart && !c.drawn; });
    todo.forEach(function (c) { c.drawn = true; });
    pending += todo.length;
    todo.forEach(drawChart);
    if (pending === 0) { settle(); }
  }

  /** Every chart, for printing, screenshots and tests; scrolling draws the others when they come near. */
  function drawAll() {
    drawCharts(state.charts);
  }

  function chartFinished() {
    pending--;
    if (pending === 0) { settle(); }
  }

  /** After a batch of charts: the first batch is the first screen; the page is complete once every chart is drawn. */
  function settle() {
    if (!state.done) {
      state.done = true;
      state.renderMs = performance.now();
      main.setAttribute('aria-busy', 'false');
      document.body.setAttribute('data-rendered', 'true');
    }
    if (!state.allDone && state.charts.every(function (c) { return c.drawn; })) {
      state.allDone = true;
      state.allRenderMs = performance.now();
    }
  }

  /**
   * Charts are drawn when they come within a screen of the viewport, and follow zooms while near it: the first
   * screen of a run with 10^5 windows and dozens of keys appears as fast as one of a few keys (bench/report-bench.sh).
   */
  function drawWhenNear() {
    if (!window.IntersectionObserver) {
      drawAll();
      return;
    }
    var first = true;
    var observer = new IntersectionObserver(function (records) {
      var near = [];
      records.forEach(function (r) {
        var entry = state.charts.filter(function (c) { return c.box === r.target; })[0];
        entry.near = r.isIntersecting;
        if (entry.near && entry.chart && entry.stale) { applyRange(entry); }
        if (entry.near) { near.push(entry); }
      });
      drawCharts(near);
      if (first) {
        first = false;
        if (near.length === 0) { settle(); }
      }
    }, { rootMargin: '100% 0px' });
    state.charts.forEach(function (c) { observer.observe(c.box); });
    if (state.charts.length === 0) { settle(); }
  }

  function zoomGroup(group, start, end) {
    var groups = group ? [group] : Object.keys(state.groups);
    groups.forEach(function (g) {
      state.groups[g].start = start;
      state.groups[g].end = end;
      refreshGroup(g);
    });
  }

  /** Pans by {@code pan} of the visible span, zooms in by {@code zoom} of it (negative: out). */
  function changeZoom(group, pan, zoom) {
    var groups = group ? [group] : Object.keys(state.groups);
    groups.forEach(function (g) {
      var z = state.groups[g];
      var span = z.end - z.start;
      var newSpan = zoom > 0 ? span * (1 - zoom) : Math.min(100, span * (1 - zoom));
      var centre = (z.start + z.end) / 2 + pan * span;
      var start = Math.max(0, Math.min(100 - newSpan, centre - newSpan / 2));
      zoomGroup(g, start, start + newSpan);
    });
  }

  function updateRangeText() {
    var text = data.runs.map(function (run) {
      var z = state.groups['run-' + run.label] || { start: 0, end: 100 };
      var span = run.end - run.start;
      return (data.runs.length > 1 ? run.label + ': ' : '') + fmtTime(run.start + span * z.start / 100) + ' to ' +
        fmtTime(run.start + span * z.end / 100) + ' UTC';
    }).join(' · ');
    var node = document.getElementById('zoom-range');
    if (node) { node.textContent = 'Showing ' + text; }
  }

  function toolbar() {
    function button(text, label, action) {
      var b = el('button', { type: 'button', 'aria-label': label }, [text]);
      b.addEventListener('click', action);
      return b;
    }
    return el('div', { 'class': 'toolbar', role: 'toolbar', 'aria-label': 'Time range of all charts' }, [
      button('Zoom in', 'Zoom in on the middle of the time range', function () { changeZoom(null, 0, ZOOM_STEP); }),
      button('Zoom out', 'Zoom out', function () { changeZoom(null, 0, -1); }),
      button('← Earlier', 'Move the time range earlier', function () { changeZoom(null, -PAN_STEP, 0); }),
      button('Later →', 'Move the time range later', function () { changeZoom(null, PAN_STEP, 0); }),
      button('Whole range', 'Show the whole time range', function () { zoomGroup(null, 0, 100); }),
      el('span', { id: 'zoom-range', 'class': 'range', 'aria-live': 'polite' }, []),
      el('span', { id: 'zoom-help', 'class': 'visually-hidden' }, ['On a focused chart: left and right arrows move ' +
        'the time range, plus and minus zoom, 0 shows the whole range. Shift and the mouse wheel zoom too.'])
    ]);
  }

  // ---------------------------------------------------------------- page

  function subtitle() {
    var parts = data.runs.map(function (r) {
      return (data.runs.length > 1 ? 'Run ' + r.label + ': ' : 'Input: ') + r.input;
    });
    var f = data.filter;
    var filters = [];
    if (isNum(f.from)) { filters.push('from ' + fmtTime(f.from)); }
    if (isNum(f.to)) { filters.push('to ' + fmtTime(f.to)); }
    if (f.model) { filters.push('model ' + f.model); }
    if (f.route) { filters.push('route ' + f.route); }
    if (filters.length) { parts.push('Filter: ' + filters.join(', ')); }
    document.getElementById('subtitle').textContent = parts.join(' · ');
  }

  function runSections(run) {
    var section = el('section', { 'aria-labelledby': 'summary-' + run.label }, [
      el('h2', { id: 'summary-' + run.label }, [(data.runs.length > 1 ? 'Run ' + run.label + ' summary' : 'Summary') +
        ' — ' + run.keys.length + ' model/route keys'])
    ]);
    var unreadable = Object.keys(run.unreadable_lines || {});
    if (unreadable.length) {
      section.appendChild(el('p', { 'class': 'notice' }, ['Lines that could not be read and are left out: ' +
        unreadable.map(function (f) { return f + '/ ' + run.unreadable_lines[f]; }).join(', ') + '.']));
    }
    section.appendChild(summaryTable(run));
    section.appendChild(el('h3', {}, ['Alert incidents']));
    section.appendChild(incidentTable(run));
    section.appendChild(el('h3', {}, ['Dead letters']));
    if (run.dead_letters.length) {
      var box = chartBox('dead-letters-' + run.label, 'Dead letters by reason', 40 + 34 * run.dead_letters.length);
      mountChart(box, null, function () { return { option: deadLetterOption(run) }; });
      section.appendChild(box);
      section.appendChild(deadLetterTable(run));
    } else {
      section.appendChild(el('p', { 'class': 'dead-letters-none' }, ['No dead letters.']));
    }
    if (run.keys.length) {
      section.appendChild(el('h3', {}, ['p95 latency of every key']));
      var overview = chartBox('overview-' + run.label, 'p95 latency of every key', 300);
      mountChart(overview, run, function (sources) { return { option: overviewOption(run, sources) }; },
        overviewSources(run));
      section.appendChild(overview);
    }
    return section;
  }

  function keySection(keyName, entries) {
    var section = el('section', { 'class': 'key', 'data-key': keyName, 'aria-labelledby': 'key-' + slug(keyName) }, [
      el('h2', { id: 'key-' + slug(keyName) }, [keyName])
    ]);
    var row = el('div', { 'class': 'runs' }, []);
    entries.forEach(function (e) {
      var fig = el('figure', {}, []);
      if (data.runs.length > 1) { fig.appendChild(el('figcaption', {}, ['Run ' + e.run.label])); }
      if (!e.key) {
        fig.appendChild(el('p', { 'class': 'muted' }, ['Not in run ' + e.run.label + '.']));
      } else {
        var box = chartBox('chart-' + e.run.label + '-' + slug(keyName), keyName, keyChartHeight(e.run));
        mountChart(box, e.run, function (sources) { return keyChartOption(e.run, e.key, e.peers, sources); },
          keySources(e.key));
        fig.appendChild(box);
        if (e.key.stages.length) { fig.appendChild(stageTable(e.key)); }
      }
      row.appendChild(fig);
    });
    section.appendChild(row);
    return section;
  }

  function slug(text) { return text.replace(/[^A-Za-z0-9_-]+/g, '_'); }

  /** Shared y maxima for a comparison: per key, panel and axis, the larger of the two runs' maxima. */
  function peersOf(keysByRun) {
    return {
      sharedMax: function (panel, axis, cols) {
        var max = null;
        keysByRun.forEach(function (k) {
          if (!k) { return; }
          var source = panel === 'drift' ? k.drift : k.windows;
          var m = axisMax(source, cols);
          if (m !== null && (max === null || m > max)) { max = m; }
        });
        return max === null ? null : niceCeil(max);
      }
    };
  }

  function niceCeil(v) {
    if (v <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= v) { return steps[i] * p; } }
    return 10 * p;
  }

  function build() {
    subtitle();
    main.appendChild(toolbar());
    var summaryAnchor = el('div', { id: 'summary' }, []);
    main.appendChild(summaryAnchor);
    if (data.comparison) {
      summaryAnchor.appendChild(el('h2', { id: 'comparison' }, ['Comparison: run B against run A']));
      summaryAnchor.appendChild(comparisonTable(data.comparison, data.runs));
    }
    data.runs.forEach(function (run) { summaryAnchor.appendChild(runSections(run)); });
    var names = [];
    data.runs.forEach(function (run) {
      run.keys.forEach(function (k) { if (names.indexOf(keyLabel(k)) < 0) { names.push(keyLabel(k)); } });
    });
    names.sort();
    names.forEach(function (name) {
      var keys = data.runs.map(function (run) {
        return run.keys.filter(function (k) { return keyLabel(k) === name; })[0] || null;
      });
      var peers = data.runs.length > 1 ? peersOf(keys) : null;
      main.appendChild(keySection(name, data.runs.map(function (run, i) {
        return { run: run, key: keys[i], peers: peers };
      })));
    });
    drawWhenNear();
    updateRangeText();
  }

  function redrawForColorScheme() {
    var drawn = state.charts.filter(function (c) { return c.chart; });
    drawn.forEach(function (c) { c.chart.dispose(); c.chart = null; c.drawn = false; });
    drawCharts(drawn);
  }

  build();
  if (darkQuery) {
    if (darkQuery.addEventListener) { darkQuery.addEventListener('change', redrawForColorScheme); }
    else if (darkQuery.addListener) { darkQuery.addListener(redrawForColorScheme); }
  }
  state.drawAll = drawAll;
  window.addEventListener('beforeprint', drawAll);
  window.addEventListener('resize', function () {
    state.charts.forEach(function (c) { if (c.chart) { c.chart.resize(); } });
  });
})();
