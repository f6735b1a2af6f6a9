# ovsdb/: the configuration database (engine being written).
