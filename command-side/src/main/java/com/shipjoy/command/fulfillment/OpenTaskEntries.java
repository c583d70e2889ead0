package com.shipjoy.command.fulfillment;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface OpenTaskEntries extends JpaRepository<OpenTaskEntry, String> {

    List<OpenTaskEntry> findByWarehouseIdOrderByOrderPlacedAtAscOrderIdAscLocationAscTaskIdAsc(String warehouseId,
                                                                                              Pageable page);
}
