people = [{"name": "Ann", "age": 31}, {"name": "Bob"}]
print(len(people), "people")
people.sort(key=lambda person: person["age"])
