package io.homeacs.server.nbi;

import io.homeacs.server.security.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The roles that may call an API method. A method without it is callable by nobody (deny by default). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Allowed {
    Role[] value();
}
