/** Firmware image catalog, manifests and version ordering shared by the ACS and the simulator. */
package io.homeacs.firmware;
