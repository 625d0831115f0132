package io.homeacs.server.nbi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An API method that needs no token (login, metrics). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Public {
}
