select key, value from parameter
