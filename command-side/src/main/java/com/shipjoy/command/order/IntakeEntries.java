package com.shipjoy.command.order;

import org.springframework.data.jpa.repository.JpaRepository;

interface IntakeEntries extends JpaRepository<IntakeEntry, String> {
}
