package com.shipjoy.command.returns;

import com.shipjoy.events.common.RmaId;
import java.util.Optional;

/** Which order each return (RMA) id belongs to: rmaIds are unique across orders, and a receipt names only the rmaId. */
public interface ReturnIds {

    Optional<String> orderOf(RmaId rmaId);
}
