package com.shipjoy.projections.returns;

import com.shipjoy.events.returns.ReturnCondition;
import com.shipjoy.events.returns.ReturnResolution;
import com.shipjoy.events.returns.ReturnStatus;
import com.shipjoy.projections.ReadModelCollections;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.lang.Nullable;

/**
 * A return (RMA) as its order's agent and the receiving warehouse see it: what was asked for and why, how it is
 * settled, and once RECEIVED what arrived where and in which condition (and the exchange order it placed).
 */
@Document(ReadModelCollections.CURRENT + ReturnDocument.COLLECTION + ReadModelCollections.END)
public record ReturnDocument(@Id String rmaId, String orderId, ReturnStatus status, ReturnResolution resolution,
                             String reason, List<Line> lines, List<Line> exchangeLines,
                             List<ReceivedLine> receivedLines, @Nullable String exchangeOrderId) {

    public static final String COLLECTION = "returns";

    public record Line(String sku, long quantity) {
    }

    public record ReceivedLine(String sku, long quantity, ReturnCondition condition, String location) {
    }
}
