package com.shipjoy.command.allocation;

import org.springframework.data.jpa.repository.JpaRepository;

interface BackorderEntries extends JpaRepository<BackorderEntry, String>, BackorderStore {
}
