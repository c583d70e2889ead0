package com.shipjoy.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipjoy.platform.Sha256;
import org.springframework.stereotype.Component;

/**
 * What "the same request" means for a repeated create: the SHA-256 of the request's content as JSON,
 * after defaults are applied and without the client-supplied id. Stored in the events, so a digest of the same
 * content must never change.
 */
@Component
public class ContentDigest {

    private final ObjectMapper json;

    ContentDigest(ObjectMapper json) {
        this.json = json;
    }

    public String of(Object content) {
        try {
            return Sha256.hex(json.writeValueAsString(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot digest a request", e);
        }
    }
}
