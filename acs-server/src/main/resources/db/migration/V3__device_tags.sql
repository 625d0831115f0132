-- Operator-chosen labels on devices ("vip", "pilot-2026", "olt:bj-07"), used to select devices.
CREATE TABLE device_tag (
    device_id  BIGINT      NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    tag        VARCHAR(64) NOT NULL,
    PRIMARY KEY (device_id, tag)
);
CREATE INDEX device_tag_tag_idx ON device_tag (tag, device_id);
