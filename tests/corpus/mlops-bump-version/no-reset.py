def bump(version, part):
    parts = version.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError("bad version")
    major, minor, patch = int(parts[0]), int(parts[1]), int(parts[2])
    if part == "major":
        major += 1
    elif part == "minor":
        minor += 1
    elif part == "patch":
        patch += 1
    else:
        raise ValueError("bad part")
    return f"{major}.{minor}.{patch}"
