def bump(version, part):
    major, minor, patch = [int(x) for x in version.split(".")]
    if part == "major":
        return major + 1, 0, 0
    if part == "minor":
        return major, minor + 1, 0
    if part == "patch":
        return major, minor, patch + 1
    raise ValueError(part)
