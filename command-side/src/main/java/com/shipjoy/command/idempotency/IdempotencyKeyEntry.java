package com.shipjoy.command.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "idempotency_key", indexes = @Index(columnList = "createdAt"))
class IdempotencyKeyEntry {

    /** SHA-256 of user and key: one column of fixed length, whatever the user name. */
    @Id
    @Column(length = 64)
    private String id;
    @Column(length = 64, nullable = false)
    private String fingerprint;
    @Column(nullable = false)
    private Instant createdAt;
    /** The answer, once there is one. */
    private Integer status;
    private String contentType;
    private String eventPosition;
    @Column(length = 1024 * 1024)
    private byte[] body;

    protected IdempotencyKeyEntry() {
    }

    IdempotencyKeyEntry(String id, String fingerprint, Instant createdAt) {
        this.id = id;
        this.fingerprint = fingerprint;
        this.createdAt = createdAt;
    }

    String fingerprint() {
        return fingerprint;
    }

    Integer status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String eventPosition() {
        return eventPosition;
    }

    byte[] body() {
        return body;
    }

    void answer(int status, String contentType, String eventPosition, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.eventPosition = eventPosition;
        this.body = body;
    }
}
