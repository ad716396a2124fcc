/** Bulk import of contacts from CSV and streaming export to CSV and JSON. */
package io.roostcrm.core.io;
