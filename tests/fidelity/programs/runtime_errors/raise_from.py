class ConfigError(Exception):
    pass


def read_port(settings):
    try:
        return int(settings["port"])
    except KeyError as error:
        raise ConfigError("the setting 'port' is missing") from error


print(read_port({"port": "8080"}))
print(read_port({}))
