package com.shipjoy.query.inventory;

import com.shipjoy.projections.ledger.MovementDocument;
import java.util.List;

/** The ledger as CSV (RFC 4180): a header row of the JSON field names, then one row per movement. */
final class LedgerCsv {

    static final String HEADER = "position,timestamp,warehouseId,type,quantity,location,toLocation,reference,"
            + "onHandAfter,reservedAfter,actor";

    private LedgerCsv() {
    }

    static String write(List<MovementDocument> movements) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (MovementDocument m : movements) {
            csv.append(m.position()).append(',').append(m.timestamp()).append(',').append(field(m.warehouseId()))
                    .append(',').append(m.type()).append(',').append(m.quantity()).append(',')
                    .append(field(m.location())).append(',').append(field(m.toLocation())).append(',')
                    .append(field(m.reference())).append(',').append(m.onHandAfter()).append(',')
                    .append(m.reservedAfter()).append(',').append(field(m.actor())).append("\r\n");
        }
        return csv.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
