-- Device search at a million devices (docs/benchmarks.md), and the device's subscriber.
--
-- Searches filter on one or two hot columns and page in (sort column, id) order. With an index on
-- (column, id) a filtered first page, a keyset page ("after this device") and a capped count are
-- all short index range scans. The single-column indexes of V1 are replaced, not kept beside the
-- new ones: on PostgreSQL every last-contact update writes an entry into every index of the row
-- (last_contact is indexed, so those updates are never HOT), so each extra index costs the hot path.

ALTER TABLE device ADD COLUMN subscriber_id BIGINT;
-- Set by the subscriber tables (V7); a subscriber has a handful of devices.
CREATE INDEX device_subscriber_idx ON device (subscriber_id, id);

DROP INDEX device_kind_idx;
CREATE INDEX device_kind_idx ON device (kind, id);
DROP INDEX device_model_idx;
CREATE INDEX device_model_idx ON device (model_name, id);
DROP INDEX device_product_class_idx;
CREATE INDEX device_product_class_idx ON device (product_class, id);
DROP INDEX device_sw_idx;
CREATE INDEX device_sw_idx ON device (software_version, id);
-- Sorting by last contact, and the online/offline filters. The trailing columns add nothing to the
-- order ((last_contact, id) is unique) but let PostgreSQL count "offline set-top boxes" or "model X
-- not seen for an hour" from this index alone; it changes with every last-contact update anyway.
DROP INDEX device_last_contact_idx;
CREATE INDEX device_last_contact_idx ON device (last_contact, id, kind, model_name, software_version);
DROP INDEX device_serial_idx;
CREATE INDEX device_serial_idx ON device (serial_number, id);

-- The substring search (q=) gets a trigram index on PostgreSQL in migration 6.1
-- (io.homeacs.server.store.TrigramIndexMigration), which a plain SQL script cannot make optional.
