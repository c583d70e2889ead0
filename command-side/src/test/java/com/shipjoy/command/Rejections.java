package com.shipjoy.command;

import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.Rejection;
import java.util.Objects;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Hamcrest matchers for a {@link RejectedException} of one kind, for {@code ResultValidator#expectException}. */
public final class Rejections {

    private Rejections() {
    }

    public static Matcher<RejectedException> conflict() {
        return rejected(Rejection.Kind.CONFLICT, null);
    }

    public static Matcher<RejectedException> notFound() {
        return rejected(Rejection.Kind.NOT_FOUND, null);
    }

    public static Matcher<RejectedException> invalid(String field) {
        return rejected(Rejection.Kind.INVALID, field);
    }

    /** Matches a rejection of exactly this kind and field ({@code null}: no field). */
    public static Matcher<RejectedException> rejected(Rejection.Kind kind, String field) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(RejectedException e, Description mismatch) {
                mismatch.appendText("was rejection ").appendValue(e.rejection());
                return e.rejection().kind() == kind && Objects.equals(e.rejection().field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("RejectedException ").appendValue(kind).appendText(" with field ")
                        .appendValue(field);
            }
        };
    }
}
