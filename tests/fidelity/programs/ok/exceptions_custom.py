class AppError(Exception):
    """Base class for this program's errors."""


class ValidationError(AppError):
    def __init__(self, field, problem):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class NotFound(AppError, LookupError):
    pass


def validate(user):
    if not user.get("name"):
        raise ValidationError("name", "must not be empty")
    if user.get("age", 0) < 0:
        raise ValidationError("age", "must be positive")
    return True


def find(users, name):
    for user in users:
        if user["name"] == name:
            return user
    raise NotFound(name)


users = [{"name": "ann", "age": 3}, {"name": "", "age": 4}, {"name": "bo", "age": -1}]
for user in users:
    try:
        validate(user)
    except ValidationError as error:
        print(f"invalid ({error.field}): {error}", error.args)
    else:
        print("valid:", user["name"])
    finally:
        print("checked", user)

for name in ["ann", "zed"]:
    try:
        print(find(users, name))
    except LookupError as error:
        print(type(error).__name__, repr(error), str(error), isinstance(error, AppError))

try:
    try:
        int("twelve")
    except ValueError as error:
        raise AppError("could not parse the age") from error
except AppError as error:
    print(error, "| caused by:", repr(error.__cause__), error.__suppress_context__)

try:
    try:
        {}["missing"]
    except KeyError:
        raise RuntimeError("lookup failed")
except RuntimeError as error:
    print(error, "| context:", repr(error.__context__))


def risky(n):
    try:
        if n == 0:
            raise ZeroDivisionError("n is zero")
        return 10 / n
    except ZeroDivisionError:
        print("handling")
        raise
    finally:
        print("cleanup", n)


for n in (2, 0):
    try:
        print(risky(n))
    except ZeroDivisionError as error:
        print("re-raised:", error)

try:
    raise ValueError("a", 1)
except (TypeError, ValueError) as error:
    print(error, error.args, repr(error))
print(repr(Exception()), str(Exception()), repr(KeyError("k")), str(KeyError("k")))
print(issubclass(NotFound, Exception), issubclass(NotFound, LookupError), AppError.__doc__)
