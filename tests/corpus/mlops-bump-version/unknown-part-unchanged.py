def bump(version, part):
    major, minor, patch = version.split(".")
    major, minor, patch = int(major), int(minor), int(patch)
    if part == "major":
        major, minor, patch = major + 1, 0, 0
    elif part == "minor":
        minor, patch = minor + 1, 0
    elif part == "patch":
        patch = patch + 1
    return str(major) + "." + str(minor) + "." + str(patch)
