import re
from pathlib import Path

import pytest

from raci.catalogue import (
    catalogue,
    category_display_name,
    find_task,
    slug,
    task_display_name,
    task_ids,
)
from raci.letters import AR, R
from raci.seed import seed_plan

# The source document, kept in data/source/ so the catalogue's quotes can always be checked.
ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "source" / "000_d02fb12fa2e0ae51.txt"
SHARED_SOURCE = ROOT.parent / "shared" / "seeds" / SOURCE.name
TABLE_TASKS = [
    "Seleccionar plataformas de redes sociales",
    "Planificar la estrategia de contenido",
    "Establecer calendarios de publicación",
    "Definir campañas de marketing",
    "Buscar alianzas y colaboraciones",
    "Gestionar presupuestos de campaña",
    "Preparar estrategias de gestión de crisis",
    "Monitorear las redes sociales y las tendencias",
    "Analizar datos para optimizar las estrategias",
    "Construir y gestionar la comunidad en línea",
    "Tener contacto directo con los usuarios",
    "Responder a preguntas y comentarios",
    "Identificar las tendencias de las redes sociales",
    "Programar contenido en redes sociales y blogs",
    "Difundir contenido relevante",
    "Moderar conversaciones en línea",
    "Proporcionar retroalimentación al departamento de marketing",
    "Identificar y trabajar con influencers",
]


def test_all_eighteen_table_tasks_are_seeded_verbatim_and_cite_the_table():
    table = [t for t in catalogue().tasks if t.source == "table"]
    assert [t.es for t in table] == TABLE_TASKS
    assert all(t.es in t.quote for t in table)


def test_table_tasks_appear_verbatim_in_the_source_document():
    text = SOURCE.read_text(encoding="utf-8")
    for task in catalogue().tasks:
        assert task.quote in text, task.id
        if task.source == "table":
            assert f"– {task.es}" in text


def test_the_kept_copy_is_the_shared_source_document():
    if not SHARED_SOURCE.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()


def test_every_task_is_complete_in_both_languages():
    ids = [t.id for t in catalogue().tasks]
    assert len(ids) == len(set(ids))
    for task in catalogue().tasks:
        assert re.fullmatch(r"[a-z0-9-]+", task.id)
        assert task.es and task.en and task.es != task.en
        assert task.nature in ("strategic", "operational")
        assert task.lead in ("SMM", "CM", "shared")
        assert task.source in ("table", "prose")
        assert task.effort_hours_estimate > 0
        catalogue().category(task.category)


def test_default_letters_follow_the_lead():
    for task in catalogue().tasks:
        letters = task.letters
        if task.lead == "shared":
            assert sorted(letters.values()) == ["A/R", "R"]
        else:
            assert letters[task.lead] == "A/R"
            assert all(v in ("C", "I") for k, v in letters.items() if k != task.lead)


def test_the_document_gives_planning_and_analysis_to_the_smm_and_the_rest_to_the_cm():
    for task in catalogue().tasks:
        if task.lead != "shared":
            expected = "SMM" if task.category in ("planning", "analysis") else "CM"
            assert task.lead == expected, task.id


def test_role_profiles_carry_the_documents_key_skills_in_both_languages():
    smm, cm = catalogue().roles
    assert (smm.short, smm.profile, cm.short, cm.profile) == ("SMM", "strategic", "CM", "operational")
    assert smm.text("skills", "es") == ["Análisis de datos", "planificación estratégica", "marketing"]
    assert cm.text("skills", "es") == ["Comunicación", "gestión de relaciones", "escucha social"]
    assert cm.text("skills", "en") == ["Communication", "relationship management", "social listening"]
    assert "SMM" in smm.text("hiring", "es") and "CM" in cm.text("hiring", "en")


def test_seeded_plan_in_both_languages_shares_ids_and_letters():
    es, en = seed_plan("es"), seed_plan("en")
    assert es.task_ids == en.task_ids == [t.id for t in catalogue().tasks]
    assert (es.cells == en.cells).all()
    assert es.tasks["name"].iloc[0] == "Seleccionar plataformas de redes sociales"
    assert en.tasks["name"].iloc[0] == "Select social media platforms"
    assert es.tasks["category"].iloc[0] == "Planificación" and en.tasks["category"].iloc[0] == "Planning"
    shared = es.task_ids.index("work-with-influencers")
    assert sorted(es.cells[shared].tolist()) == [R, AR]


def test_display_names_translate_seeded_tasks_and_categories_only():
    assert task_display_name("Moderar conversaciones en línea", "en") == "Moderate online conversations"
    assert task_display_name("moderate online conversations", "es") == "Moderar conversaciones en línea"
    assert task_display_name("Diseñar banners", "en") == "Diseñar banners"
    assert category_display_name("Difusión de contenido", "en") == "Content distribution"
    assert category_display_name("Diseño", "en") == "Diseño"
    assert find_task("  MODERAR conversaciones en linea ").id == "moderate-conversations"


def test_task_ids_slug_other_tasks_and_number_repeats():
    assert slug("Diseñar banners (Q3)") == "disenar-banners-q3"
    assert slug("🚀") == "task"
    assert task_ids(["Diseño", "diseño", "Moderar conversaciones en línea"]) == [
        "diseno", "diseno-2", "moderate-conversations"
    ]


def test_in_language_rewrites_only_the_documents_text():
    from raci.model import Task
    from raci.seed import in_language

    spanish = seed_plan("es").add_task(Task("Diseñar banners", "Diseño", "operational", 3))
    english = in_language(spanish, "en")
    assert english.tasks["name"].iloc[0] == "Select social media platforms"
    assert english.tasks["category"].iloc[0] == "Planning"
    assert english.tasks["name"].iloc[-1] == "Diseñar banners" and english.tasks["category"].iloc[-1] == "Diseño"
    assert (english.cells == spanish.cells).all() and english.task_ids == spanish.task_ids
    assert in_language(english, "es") == spanish
