package com.shipjoy.command.returns;

import org.springframework.data.jpa.repository.JpaRepository;

interface ReturnIdEntries extends JpaRepository<ReturnIdEntry, String> {
}
