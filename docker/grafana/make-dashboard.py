#!/usr/bin/env python3
"""Writes dashboards/llm-eval.json (the Grafana dashboard of docker-compose.yml).

Edit the panels here and rerun `python3 docker/grafana/make-dashboard.py`; the JSON is what Grafana
provisions. DeploymentFilesTest checks that every metric the queries name is one the job exports.
"""
import json
import pathlib

G = "flink_taskmanager_job_task_operator_model_route_llm_eval_"
C = "flink_taskmanager_job_task_operator_llm_eval_"
KEY = 'model=~"$model",route=~"$route"'
DS = {"type": "prometheus", "uid": "prometheus"}


def target(expr, legend, ref="A", instant=False):
    t = {"datasource": DS, "expr": expr, "legendFormat": legend, "refId": ref}
    if instant:
        t.update({"instant": True, "range": False, "format": "table"})
    return t


def timeseries(pid, title, description, targets, unit, grid, thresholds=None, max_=None):
    defaults = {"unit": unit, "custom": {"lineWidth": 2, "fillOpacity": 0, "spanNulls": False}}
    if max_ is not None:
        defaults["max"] = max_
        defaults["min"] = 0
    if thresholds:
        defaults["thresholds"] = {"mode": "absolute", "steps": [{"color": "green", "value": None}]
                                  + [{"color": "red", "value": thresholds}]}
        defaults["custom"]["thresholdsStyle"] = {"mode": "dashed"}
    return {"id": pid, "type": "timeseries", "title": title, "description": description,
            "datasource": DS, "gridPos": grid, "targets": targets,
            "fieldConfig": {"defaults": defaults, "overrides": []},
            "options": {"legend": {"displayMode": "table", "placement": "right", "calcs": ["lastNotNull", "max"]},
                        "tooltip": {"mode": "multi", "sort": "desc"}}}


def by_key(metric):
    return f"max by (model, route) ({G}{metric}{{{KEY}}})"


panels = [
    timeseries(1, "Latency percentiles (ms)",
               "p50/p95/p99 of end-to-end latency per (model, route), latest closed 1-minute window "
               "(DDSketch, 1% relative error; errors included). Alert LatencyP95High: p95 > 8000 ms in two windows.",
               [target(by_key("latency_p50_ms"), "{{model}}/{{route}} p50", "A"),
                target(by_key("latency_p95_ms"), "{{model}}/{{route}} p95", "B"),
                target(by_key("latency_p99_ms"), "{{model}}/{{route}} p99", "C")],
               "ms", {"x": 0, "y": 0, "w": 12, "h": 9}, thresholds=8000),
    timeseries(2, "Time to first token (ms)", "p50/p95 of ttft_ms (records that report it).",
               [target(by_key("ttft_p50_ms"), "{{model}}/{{route}} p50", "A"),
                target(by_key("ttft_p95_ms"), "{{model}}/{{route}} p95", "B")],
               "ms", {"x": 12, "y": 0, "w": 12, "h": 9}),
    timeseries(3, "Error rate",
               "error_count / request_count of the latest window. Alert ErrorRateHigh: > 10% with >= 30 requests in two windows.",
               [target(by_key("error_rate"), "{{model}}/{{route}}")],
               "percentunit", {"x": 0, "y": 9, "w": 12, "h": 8}, thresholds=0.10, max_=1),
    timeseries(4, "Hallucination rate",
               "Share of scored answers (response + reference) flagged as hallucinated. Alert HallucinationSpike: "
               "> 10% with >= 30 scored answers in two windows.",
               [target(by_key("hallucination_rate"), "{{model}}/{{route}}")],
               "percentunit", {"x": 12, "y": 9, "w": 12, "h": 8}, thresholds=0.10, max_=1),
    timeseries(5, "Drift score",
               "Drift of prompts against the reference traffic per (model, route). The gauge "
               "llm_eval_drift_score comes with the drift issue: until the job exports it this panel stays empty.",
               [target(by_key("drift_score"), "{{model}}/{{route}}")],
               "none", {"x": 0, "y": 17, "w": 12, "h": 8}),
    timeseries(6, "Requests per second and output tokens per second", "Traffic per key, per window.",
               [target(by_key("rps"), "{{model}}/{{route}} req/s", "A"),
                target(by_key("output_tokens_per_s"), "{{model}}/{{route}} tokens/s", "B")],
               "short", {"x": 12, "y": 17, "w": 12, "h": 8}),
    timeseries(7, "Input and dead letters (records/s)",
               "Records read, dead-lettered by reason (invalid input) and late (after the watermark). "
               "Alert DeadLettersIncreasing: dead letters > 5% of input for 5 minutes.",
               [target(f"sum by (job_name) (rate({C}records_in[5m]))", "{{job_name}} in", "A"),
                target(f"sum by (reason) (rate({C}reason_dead_letters[5m]))", "dead letters: {{reason}}", "B"),
                target(f"sum by (job_name) (rate({C}records_late[5m]))", "{{job_name}} late", "C")],
               "short", {"x": 0, "y": 25, "w": 12, "h": 8}),
    {"id": 8, "type": "table", "title": "Firing alerts",
     "description": "Alerts of docker/prometheus/rules/llm-eval.yml that fire now (Prometheus' ALERTS series); "
                    "Alertmanager (http://localhost:9093) groups and routes them.",
     "datasource": DS, "gridPos": {"x": 12, "y": 25, "w": 12, "h": 8},
     "targets": [target('ALERTS{alertstate="firing",alertname=~"HallucinationSpike|LatencyP95High|ErrorRateHigh|DeadLettersIncreasing"}',
                        "", "A", instant=True)],
     "transformations": [{"id": "organize", "options": {
         "excludeByName": {"Time": True, "Value": True, "__name__": True, "alertstate": True},
         "indexByName": {"alertname": 0, "severity": 1, "model": 2, "route": 3, "job_name": 4}}}],
     "fieldConfig": {"defaults": {}, "overrides": []}, "options": {"showHeader": True}},
]


def variable(name, label):
    return {"name": name, "label": label, "type": "query", "datasource": DS,
            "query": {"query": f"label_values({G}request_count, {name})", "refId": name},
            "definition": f"label_values({G}request_count, {name})",
            "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2, "sort": 1,
            "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}


dashboard = {
    "uid": "llm-eval",
    "title": "llm-eval",
    "description": "LLM service evaluation: latency, errors, hallucination and drift per (model, route) "
                   "from the llm-eval Flink job's 1-minute windows.",
    "tags": ["llm-eval", "flink"],
    "timezone": "browser",
    "schemaVersion": 39,
    "version": 1,
    "editable": True,
    "refresh": "15s",
    "time": {"from": "now-30m", "to": "now"},
    "templating": {"list": [variable("model", "Model"), variable("route", "Route")]},
    "annotations": {"list": []},
    "panels": panels,
}

out = pathlib.Path(__file__).resolve().parent / "dashboards" / "llm-eval.json"
out.write_text(json.dumps(dashboard, indent=2) + "\n")
print(f"wrote {out}")
