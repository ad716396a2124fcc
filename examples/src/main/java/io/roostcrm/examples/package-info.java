/** Runnable examples of Roost; {@link io.roostcrm.examples.QuickStart} is the one the README runs. */
package io.roostcrm.examples;
