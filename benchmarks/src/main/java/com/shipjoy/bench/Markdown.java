package com.shipjoy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the generated part of BENCHMARKS.md. */
final class Markdown {

    private final StringBuilder out = new StringBuilder();

    Markdown heading(int level, String text) {
        out.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        return this;
    }

    Markdown paragraph(String text) {
        out.append(text).append("\n\n");
        return this;
    }

    Markdown bullets(List<String> items) {
        items.forEach(item -> out.append("- ").append(item).append('\n'));
        out.append('\n');
        return this;
    }

    Table table(String... headers) {
        return new Table(headers);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Milliseconds with a precision that suits their size. */
    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        if (millis < 10) {
            return f("%.2f", millis);
        }
        if (millis < 100) {
            return f("%.1f", millis);
        }
        return f("%.0f", millis);
    }

    final class Table {

        private final String[] headers;
        private final List<String[]> rows = new ArrayList<>();
        private boolean left;

        /** Text tables: every column left-aligned (numbers are right-aligned by default). */
        Table leftAligned() {
            left = true;
            return this;
        }

        private Table(String[] headers) {
            this.headers = headers;
        }

        Table row(Object... cells) {
            String[] row = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = String.valueOf(cells[i]);
            }
            rows.add(row);
            return this;
        }

        /** A row for a load result: the columns of {@link #LOAD_HEADERS} after {@code leading}. */
        Table load(Load.Result r, Object... leading) {
            return load(r, leading, new Object[0]);
        }

        Table load(Load.Result r, Object[] leading, Object[] trailing) {
            Object[] cells = new Object[leading.length + 11 + trailing.length];
            System.arraycopy(trailing, 0, cells, leading.length + 11, trailing.length);
            System.arraycopy(leading, 0, cells, 0, leading.length);
            int i = leading.length;
            cells[i++] = r.clients();
            cells[i++] = r.ops() + (r.capped() ? " (time cap)" : "");
            cells[i++] = r.errors();
            cells[i++] = f("%.1f", r.perSecond());
            cells[i++] = ms(r.percentileMillis(50));
            cells[i++] = ms(r.percentileMillis(95));
            cells[i++] = ms(r.percentileMillis(99));
            cells[i++] = ms(r.maxMillis());
            cells[i++] = f("%.2f", r.serverCpuMillisPerOp());
            cells[i++] = f("%.2f", r.cpu().serverCores());
            cells[i] = f("%.2f / %.2f", r.cpu().harnessCores(), r.cpu().otherCores());
            return row(cells);
        }

        Markdown end() {
            out.append('|');
            for (String header : headers) {
                out.append(' ').append(header).append(" |");
            }
            out.append("\n|");
            for (int i = 0; i < headers.length; i++) {
                out.append(i == 0 || left ? "---|" : "---:|");
            }
            out.append('\n');
            for (String[] row : rows) {
                out.append('|');
                for (String cell : row) {
                    out.append(' ').append(cell.replace("|", "\\|")).append(" |");
                }
                out.append('\n');
            }
            out.append('\n');
            return Markdown.this;
        }
    }

    static final String[] LOAD_HEADERS = {"clients", "ops", "errors", "ops/s", "p50 ms", "p95 ms", "p99 ms",
            "max ms", "server CPU ms/op", "server cores", "harness / other cores"};

    static String[] loadHeaders(String... leading) {
        String[] headers = new String[leading.length + LOAD_HEADERS.length];
        System.arraycopy(leading, 0, headers, 0, leading.length);
        System.arraycopy(LOAD_HEADERS, 0, headers, leading.length, LOAD_HEADERS.length);
        return headers;
    }
}
