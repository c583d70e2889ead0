package com.shipjoy.embedded;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.descriptor.jdbc.BlobJdbcType;

/**
 * On H2, the event store's BLOB columns (payload, metadata, tokens) are read with {@code getBytes}. Hibernate's
 * default reads a BLOB through its stream, buffered three times over (8 + 4 + 4 KiB, zeroed, for a ~200-byte
 * payload): in a replay's profile that was two fifths of the read model's thread. H2 answers {@code getBytes} and
 * {@code setBytes} on BLOB columns, so the columns and the data stay as they are. Other databases keep Hibernate's
 * default (on PostgreSQL, for one, a BLOB column holds a large-object id, which {@code getBytes} would return).
 */
public class BlobsAsBytes implements TypeContributor {

    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry services) {
        if (services.requireService(JdbcServices.class).getDialect() instanceof H2Dialect) {
            contributions.contributeJdbcType(BlobJdbcType.MATERIALIZED);
        }
    }
}
