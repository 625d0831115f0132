-- TR-369 (USP): a device that speaks USP is known to the controller by its EndpointID as well as by
-- its OUI-ProductClass-Serial key, so one unit stays one device whichever protocol it speaks.
ALTER TABLE device ADD COLUMN usp_endpoint_id VARCHAR(255);
CREATE UNIQUE INDEX device_usp_endpoint_id ON device (usp_endpoint_id);
