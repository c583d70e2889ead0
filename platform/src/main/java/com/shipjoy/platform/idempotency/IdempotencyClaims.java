package com.shipjoy.platform.idempotency;

import com.shipjoy.events.common.Rejection;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Claims a request's {@code Idempotency-Key} inside the unit of work of the command that carries it (see
 * {@link IdempotentRequest#claimOf}), before the handler runs: the claim commits with the command's events or rolls
 * back with them. Only where the command side keeps keys.
 */
@Component
class IdempotencyClaims {

    IdempotencyClaims(CommandBus commandBus, ObjectProvider<IdempotencyKeys> keys) {
        IdempotencyKeys store = keys.getIfAvailable();
        if (store == null) {
            return;
        }
        commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            MetaData metaData = unitOfWork.getMessage().getMetaData();
            if (metaData.containsKey(IdempotentRequest.KEY)) {
                try {
                    store.claim((String) metaData.get(IdempotentRequest.USER),
                            (String) metaData.get(IdempotentRequest.KEY),
                            (String) metaData.get(IdempotentRequest.FINGERPRINT));
                } catch (IdempotencyKeys.KeyTakenException taken) {
                    throw new CommandExecutionException(taken.getMessage(), null,
                            new Rejection(Rejection.Kind.CONFLICT, taken.getMessage(), null));
                }
            }
            return chain.proceed();
        });
    }
}
