// CSVIngest module.
