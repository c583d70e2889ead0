package com.shipjoy.command.idempotency;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface IdempotencyKeyEntries extends JpaRepository<IdempotencyKeyEntry, String> {

    @Modifying
    @Transactional
    @Query("delete from IdempotencyKeyEntry e where e.createdAt < ?1")
    int deleteCreatedBefore(Instant instant);
}
