-- The subscriber a device is assigned to, as a hot column so device searches can filter on it.
ALTER TABLE device ADD COLUMN subscriber_id BIGINT;
CREATE INDEX device_subscriber_idx ON device (subscriber_id);
