/**
 * Reading the YAML files people write for EECS (the robot profile, the motion library, evaluation scenarios) so that
 * every complaint names the file, the line and the path of the value. Not an adapter: a reading aid the adapters
 * share, which depends on nothing of EECS (see ArchitectureTest).
 */
package org.eecs.adapter.yaml;
