def bump(version, part):
    major, minor, patch = (int(p) for p in version.split("."))
    if part == "patch":
        patch += 1
    elif part == "minor":
        minor += 1
    elif part == "major":
        major += 1
    else:
        raise ValueError(part)
    return f"{major}.{minor}.{patch}"
