from django.core.checks import run_checks


def test_deploy_check_warns_about_a_per_process_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "balai.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
    assert "balai.W001" not in {m.id for m in run_checks()}


def test_no_warning_with_a_shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert "balai.W001" not in {m.id for m in run_checks(include_deployment_checks=True)}
