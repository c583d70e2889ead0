package com.shipjoy.platform.axon;

import com.shipjoy.events.common.InvalidValueException;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.Rejection;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

@Configuration(proxyBeanMethods = false)
class AxonMessaging {

    /** Metadata key of the authenticated user who caused a message. */
    static final String ACTOR = "actor";

    /** Copies the actor from each command or event onto every message it causes (events, saga commands). */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ACTOR);
    }

    /**
     * Rule violations travel as {@link Rejection} details of a {@link CommandExecutionException}: that is how Axon
     * carries a reason across Axon Server, so the HTTP layer reads them the same way in both run modes.
     * A component of its own: the command bus needs the correlation providers above, so they cannot share a bean.
     */
    @Component
    static class RejectionTranslation {

        RejectionTranslation(CommandBus commandBus) {
            commandBus.registerHandlerInterceptor(rejectionTranslator());
        }
    }

    static MessageHandlerInterceptor<CommandMessage<?>> rejectionTranslator() {
        return (unitOfWork, chain) -> {
            try {
                return chain.proceed();
            } catch (RejectedException e) {
                throw new CommandExecutionException(e.getMessage(), null, e.rejection());
            } catch (InvalidValueException e) {
                throw new CommandExecutionException(e.getMessage(), null,
                        new Rejection(Rejection.Kind.INVALID, e.getMessage(), e.field()));
            } catch (AggregateNotFoundException e) {
                throw new CommandExecutionException(e.getMessage(), null,
                        new Rejection(Rejection.Kind.NOT_FOUND, "Not found: " + e.getAggregateIdentifier(), null));
            }
        };
    }
}
