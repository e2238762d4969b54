"""Password-reset mail cannot be used to flood someone's inbox."""

from django.core import mail


def test_reset_mail_is_limited_per_address(client_for, operator_a, desa_a):
    client = client_for(desa_a)
    for _ in range(6):
        response = client.post("/akun/lupa-sandi/", {"email": operator_a.email})
        # Same answer every time: nothing tells whether the address exists or was limited.
        assert response.status_code == 302 and response["Location"] == "/akun/lupa-sandi/terkirim/"
    assert len(mail.outbox) == 3


def test_reset_requests_are_limited_per_client_address(client_for, make_user, desa_a):
    from balai.akun.models import Peran

    users = [make_user(Peran.PERANGKAT_DESA, desa=desa_a, username=f"p{i}") for i in range(12)]
    for i, user in enumerate(users):
        user.email = f"p{i}@contoh.id"
        user.save(update_fields=["email"])
    client = client_for(desa_a)
    for user in users:
        client.post("/akun/lupa-sandi/", {"email": user.email})
    assert len(mail.outbox) == 10
