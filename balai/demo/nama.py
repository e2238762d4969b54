def nama_orang(fake, rng, male=None):
    """A plain Indonesian name (Faker's id_ID `name()` adds academic titles to many)."""
    male = rng.random() < 0.5 if male is None else male
    first = fake.first_name_male() if male else fake.first_name_female()
    return f"{first} {fake.last_name_male() if male else fake.last_name_female()}"
