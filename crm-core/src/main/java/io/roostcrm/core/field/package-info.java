/**
 * Fields: the standard contact fields, custom field definitions, their types, and the validation every value
 * passes before it reaches a store ({@link io.roostcrm.core.field.FieldValues}).
 */
package io.roostcrm.core.field;
