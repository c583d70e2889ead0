package com.shipjoy.platform.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.shipjoy.events.common.Code;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** An identifier of the API's syntax (1–64 of [A-Za-z0-9._-]); null passes, combine with @NotNull. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = Code.PATTERN)
@ReportAsSingleViolation
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface IdCode {

    String message() default "must be 1-64 characters of [A-Za-z0-9._-]";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
