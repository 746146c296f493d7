def bump(version, part):
    pieces = version.split(".")
    if len(pieces) != 3:
        raise ValueError("need MAJOR.MINOR.PATCH")
    major, minor, patch = map(int, pieces)
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    if part == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError("part must be major, minor or patch")
