package com.shipjoy.command.order;

import org.springframework.data.jpa.repository.JpaRepository;

interface ReturnIdEntries extends JpaRepository<ReturnIdEntry, String> {
}
