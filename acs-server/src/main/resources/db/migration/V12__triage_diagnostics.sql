-- A triage run starts the diagnostics that fit the symptom (speed test, ping, self-test); the report
-- keeps the run it waits for, or why none could be started, so the verdict can cite it.
ALTER TABLE fault_report ADD COLUMN diagnostic_run_id BIGINT;
ALTER TABLE fault_report ADD COLUMN diagnostic_note VARCHAR(1000);
CREATE INDEX fault_report_diagnostic_idx ON fault_report (diagnostic_run_id);

-- Wi-Fi in the trend: clients, those with a weak signal, and the loudest radio's noise floor.
ALTER TABLE health_sample ADD COLUMN wifi_clients INTEGER;
ALTER TABLE health_sample ADD COLUMN weak_wifi_clients INTEGER;
ALTER TABLE health_sample ADD COLUMN wifi_noise_dbm INTEGER;
