package io.llmeval.jobs.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The working directory of a backfill, beside its output: {@code OUTPUT.llm-eval-work/}. Layout:
 * <pre>
 * manifest.json            the run's fingerprint and units (written before any unit runs)
 * reference/               a --reference FILE embedded for this run (published as OUTPUT/reference/)
 * units/UNIT/              a committed unit: windows/ and drift/ partial files, dead-letters/, unit.json (last)
 * units/.UNIT.attempt/     a unit being written (deleted when a run starts or resumes)
 * final/                   the last job's output; _SUCCESS is written into it last, then it becomes OUTPUT
 * </pre>
 * A unit is committed by writing {@code unit.json} into its attempt directory and renaming that to {@code units/UNIT}
 * (atomic on local and HDFS file systems; on object stores the {@code unit.json} check alone decides). The output is
 * published by renaming {@code final/} to {@code OUTPUT} (after moving an old output aside with {@code --overwrite}),
 * then the work directory is deleted.
 */
public final class WorkDir {

    public static final String SUFFIX = ".llm-eval-work";
    public static final String SUCCESS_MARKER = "_SUCCESS";
    public static final String UNIT_FILE = "unit.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path output;
    private final Path root;
    private final FileSystem fs;

    public WorkDir(String output) throws IOException {
        this.output = new Path(output);
        this.root = new Path(this.output.getParent(), this.output.getName() + SUFFIX);
        this.fs = this.output.getFileSystem();
    }

    public Path output() {
        return output;
    }

    public Path root() {
        return root;
    }

    public Path referenceDir() {
        return new Path(root, "reference");
    }

    public Path finalDir() {
        return new Path(root, "final");
    }

    Path unitDir(String unitId) {
        return new Path(new Path(root, "units"), unitId);
    }

    Path attemptDir(String unitId) {
        return new Path(new Path(root, "units"), "." + unitId + ".attempt");
    }

    /** An interrupted run is there: its manifest is written before its first unit runs. */
    boolean exists() throws IOException {
        return fs.exists(new Path(root, "manifest.json"));
    }

    /** The output holds something (a file or directory, a previous run's or anyone's). */
    boolean outputInUse() throws IOException {
        if (!fs.exists(output)) {
            return false;
        }
        FileStatus[] entries = fs.listStatus(output);
        return entries != null && entries.length > 0;
    }

    boolean outputComplete() throws IOException {
        return fs.exists(new Path(output, SUCCESS_MARKER));
    }

    /**
     * Checks the output and an interrupted run's work against the policy before anything is written; returns
     * {@code false} when there is nothing to do ({@code --resume} of a complete output).
     *
     * @throws OutputInUseException when the run would mix with what is there
     */
    public boolean prepare(OutputPolicy policy) throws IOException {
        boolean interrupted = exists();
        if (interrupted && policy == OutputPolicy.FRESH) {
            throw new OutputInUseException("an interrupted backfill into " + output + " left its work in " + root
                    + ": --resume finishes it, --overwrite starts over");
        }
        if (interrupted && policy == OutputPolicy.OVERWRITE) {
            delete();
        }
        if (outputInUse()) {
            if (policy == OutputPolicy.FRESH) {
                throw new OutputInUseException(output + " is not empty: --overwrite replaces it once the new run has "
                        + "succeeded, --resume finishes an interrupted run");
            }
            if (policy == OutputPolicy.RESUME && !interrupted) {
                if (outputComplete()) {
                    return false;
                }
                throw new OutputInUseException(output + " holds no interrupted backfill to resume (no " + root
                        + "): --overwrite replaces it");
            }
        }
        return true;
    }

    /**
     * Opens the work directory for the plan: with {@code --resume} an existing manifest must carry the plan's
     * fingerprint (same inputs and settings), else the work starts afresh; what an interrupted run left half-done goes.
     */
    public void open(BackfillPlan plan, OutputPolicy policy) throws IOException {
        String existing = fingerprint();
        if (existing != null && policy == OutputPolicy.RESUME) {
            if (!existing.equals(plan.fingerprint())) {
                throw new OutputInUseException("the interrupted backfill in " + root + " was started with other "
                        + "arguments or input files (fingerprint " + existing.substring(0, 12) + " vs "
                        + plan.fingerprint().substring(0, 12) + "): resume it with the same ones, or --overwrite");
            }
            clearUnfinished();
            return;
        }
        create(plan);
    }

    /** Starts empty units with the plan's manifest (an embedded reference stays). */
    private void create(BackfillPlan plan) throws IOException {
        fs.delete(new Path(root, "units"), true);
        fs.delete(finalDir(), true);
        fs.mkdirs(new Path(root, "units"));
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", 1);
        manifest.put("fingerprint", plan.fingerprint());
        manifest.put("output", output.toString());
        var units = manifest.putArray("units");
        for (BackfillPlan.Unit unit : plan.units()) {
            ObjectNode u = units.addObject();
            u.put("id", unit.id());
            var files = u.putArray("files");
            unit.files().forEach(f -> files.addObject().put("path", f.path()).put("size_bytes", f.sizeBytes())
                    .put("modified_millis", f.modifiedMillis()));
        }
        writeAtomically(new Path(root, "manifest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    }

    /** The fingerprint the work directory was created with, or {@code null} without a readable manifest. */
    String fingerprint() throws IOException {
        Path manifest = new Path(root, "manifest.json");
        if (!fs.exists(manifest)) {
            return null;
        }
        try (InputStream in = fs.open(manifest)) {
            JsonNode node = JSON.readTree(in);
            return node.path("fingerprint").asText(null);
        }
    }

    /** Clears what an interrupted run left half-done: unit attempts (a complete final output stays, to be published). */
    private void clearUnfinished() throws IOException {
        Path units = new Path(root, "units");
        FileStatus[] entries = fs.exists(units) ? fs.listStatus(units) : new FileStatus[0];
        for (FileStatus entry : entries) {
            if (entry.getPath().getName().startsWith(".")) {
                fs.delete(entry.getPath(), true);
            }
        }
    }

    /** Removes an unfinished final output before the last job writes it again. */
    public void clearFinal() throws IOException {
        fs.delete(finalDir(), true);
    }

    public boolean isCommitted(String unitId) throws IOException {
        return fs.exists(new Path(unitDir(unitId), UNIT_FILE));
    }

    public UnitStats stats(String unitId) throws IOException {
        try (InputStream in = fs.open(new Path(unitDir(unitId), UNIT_FILE))) {
            return UnitStats.fromJson(JSON.readTree(in));
        }
    }

    public Path newAttempt(String unitId) throws IOException {
        Path attempt = attemptDir(unitId);
        fs.delete(attempt, true);
        fs.mkdirs(attempt);
        return attempt;
    }

    /** Commits a finished attempt: its stats, then the rename that makes it count. */
    public void commit(String unitId, UnitStats stats) throws IOException {
        Path attempt = attemptDir(unitId);
        writeAtomically(new Path(attempt, UNIT_FILE), JSON.writeValueAsBytes(stats.toJson(JSON)));
        fs.delete(unitDir(unitId), true);
        if (!fs.rename(attempt, unitDir(unitId))) {
            throw new IOException("cannot commit unit " + unitId + ": rename of " + attempt + " failed");
        }
    }

    /** The committed units' directories holding {@code subdir} (windows, drift, dead-letters). */
    public List<Path> committed(List<BackfillPlan.Unit> units, String subdir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (BackfillPlan.Unit unit : units) {
            Path dir = new Path(unitDir(unit.id()), subdir);
            if (fs.exists(dir)) {
                dirs.add(dir);
            }
        }
        return dirs;
    }

    /** Copies every committed unit's dead letters into the final output (copies: the units stay valid until publish). */
    public void copyDeadLetters(List<BackfillPlan.Unit> units, String deadLettersDir) throws IOException {
        Path target = new Path(finalDir(), deadLettersDir);
        fs.mkdirs(target);
        for (Path dir : committed(units, deadLettersDir)) {
            for (FileStatus file : fs.listStatus(dir)) {
                String name = file.getPath().getName();
                if (file.isDir() || name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                try (InputStream in = fs.open(file.getPath());
                     OutputStream out = fs.create(new Path(target, name), FileSystem.WriteMode.OVERWRITE)) {
                    in.transferTo(out);
                }
            }
        }
    }

    public void markFinalComplete() throws IOException {
        writeAtomically(new Path(finalDir(), SUCCESS_MARKER), new byte[0]);
    }

    public boolean finalComplete() throws IOException {
        return fs.exists(new Path(finalDir(), SUCCESS_MARKER));
    }

    /**
     * Makes the final output the output: an embedded reference moves into it, an old output moves aside and is deleted
     * once the new one is in place, then the work directory goes.
     */
    public void publish() throws IOException {
        if (fs.exists(referenceDir())) {
            fs.delete(new Path(finalDir(), "reference"), true);
            fs.rename(referenceDir(), new Path(finalDir(), "reference"));
        }
        Path old = new Path(root, "previous-output");
        if (fs.exists(output)) {
            fs.delete(old, true);
            if (!fs.rename(output, old)) {
                throw new IOException("cannot move the old output " + output + " aside");
            }
        }
        if (!fs.rename(finalDir(), output)) {
            throw new IOException("cannot publish " + finalDir() + " as " + output);
        }
        delete();
    }

    public void delete() throws IOException {
        fs.delete(root, true);
    }

    private void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (FSDataOutputStream out = fs.create(temp, FileSystem.WriteMode.OVERWRITE)) {
            out.write(bytes);
            out.sync();
        }
        fs.delete(file, false);
        if (!fs.rename(temp, file)) {
            throw new IOException("cannot write " + file);
        }
    }

}
