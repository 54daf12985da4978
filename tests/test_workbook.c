/* Unit tests of workbook_write (SPEC §6): the atomic write and its failures, byte-identical
 * output, and — read back with /usr/bin/python3 + openpyxl — sheets, tables, headers,
 * cached values, defined names, page setup and document properties of a small hand-built
 * scenario whose figures are computed by hand below. When LibreOffice is there (and
 * TKK_SKIP_RECALC is not set) tests/recalc_check.py recalculates every formula.
 *
 * The fixture, 2021-11 .. 2022-02 (4 months over 2 years), half-up:
 *   staff.coach   2 FTE × 3 000 × 1,2        = 7 200,00 / month, municipality, coach
 *   staff.state   1/3 FTE × 3 000,01 × 1,234 = 1 234,004113… → 1 234,00 / month, state
 *   premises.office  set-up 1 000,005 → 1 000,01 in 2021-11; rent 500 / month
 *   cost.misc     other, 99,995 → 100,00 / month in 2022-01..02, not eligible
 * Funding 2021: total 14 400 + 2 468 + 2 000,01 = 18 868,01; state-paid 2 468,00;
 *   municipal 16 400,01; eligible 16 400,01; grant min(ROUND(0,75 × 16 400,01) =
 *   12 300,01, cap 10 000) = 10 000; net 6 400,01; required ROUND(0,15 × 100 000 × 2/12)
 *   = 2 500,00 → met.
 * Funding 2022: total 14 400 + 2 468 + 1 000 + 200 = 18 068,00; municipal 15 600,00;
 *   eligible 15 400; grant min(11 550, 10 000) = 10 000; net 5 600; required 2 500 → met.
 * Total: 36 936,01; municipal 32 000,01; grant 20 000; net 12 000,01; required 5 000.
 * Caseload: 300 clients ÷ 2 coach FTE = 150, target < 140 → Met "no", Difference 10.
 * Rewards: 500 × 1 + ROUND(333,333) × 3 = 500 + 999,99 = 1 499,99 claimed; allocation
 *   1 000 → paid 1 000, over 499,99.
 * Bonus: pool 1 000, share, unit 1, one indicator (max): p1 value 3 → 1, p2 value 1 →
 *   1/3; a = 1000 × (1, 1/3) / (4/3) = 750, 250.
 */
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_files.h"
#include "workbook.h"
#include "workbook_internal.h"
#include "fixture_scenario.h"

/* ---- fixture ------------------------------------------------------------------------ */

/* A source file as the loader keeps it; text may hold any bytes. */
static void source_add(scenario *s, const char *path, const char *text)
{
    source_file *f = GROW(s->sources, s->n_sources);
    f->path = text_dup(path);
    f->text = text_dup(text);
    f->length = strlen(text);
}

/* The scenario of the comment at the top of this file. */
static scenario *fixture_wbtest(void)
{
    scenario *s = fixture_new("2021-11", "2022-02");   /* 4 months, 2021 and 2022 */
    s->id = text_dup("wbtest");
    s->name = text_dup("Testi & Co <kokeilu>");
    s->description = text_dup("Käsin laskettu testiskenaario.");
    s->area = text_dup("Salo");
    s->prepared_by = text_dup("Testaaja");
    s->has_date = true;
    s->date_year = 2022, s->date_month = 3, s->date_day = 31;
    s->has_clients = true;
    mpz_set_ui(s->clients, 300);

    fixture_staff(s, "staff.coach", "2", "3000", "0.2")->coach = true;
    fixture_staff(s, "staff.state", "1/3", "3000.01", "0.234")->payer = PAYER_STATE;

    fixture_premises(s, "premises.office", "1000.005", "500");

    cost_line *misc = fixture_cost(s, "cost.misc");
    misc->has_monthly = true;
    q(misc->monthly, "99.995");
    misc->month = misc->start = mon("2022-01");
    misc->eligible = false;

    s->has_budget = s->has_actual = true;
    s->budget = years_new(s);
    s->actual = years_new(s);
    s->budget[0].has_total = true;
    q(s->budget[0].total, "20000");
    s->budget[0].has_category[CAT_PERSONNEL] = true;
    q(s->budget[0].category[CAT_PERSONNEL], "15000");
    s->actual[1].has_total = true;
    q(s->actual[1].total, "16000");

    q(s->funding.state_share, "0.75");
    s->funding.has_state_cap = true;
    q(s->funding.state_cap, "10000");
    s->funding.has_reference_tmt = true;
    q(s->funding.reference_tmt, "100000");
    s->funding.has_own_min_share = true;
    q(s->funding.own_min_share, "0.15");

    fixture_kpi(s, "caseload", NULL, KPI_LT, "140");
    fixture_kpi(s, "activation", "0.42", KPI_GE, "0.4");
    fixture_kpi(s, "notarget", "5", KPI_LT, NULL);   /* no target: the operator is unused */
    s->kpis[0].label = text_dup("Asiakkaita per omavalmentaja");

    s->has_allocation = true;
    q(s->allocation, "1000");
    fixture_reward(s, "a", "Toistaiseksi voimassa", "500", 1);
    fixture_reward(s, "b", "Määräaikainen", "333.333", 3);

    fixture_bonus(s, "1000", "act");
    q(s->bonus.unit, "1");
    fixture_bonus_project(s, "p1", "1000", "3");
    fixture_bonus_project(s, "p2", "2000", "1");

    /* Invalid UTF-8 and a control character must not break the file (Inputs sheet). */
    source_add(s, "wbtest.ini", "[scenario]\r\nid = wbtest\nbad = \xff\x01 end\n=SUM(A1)\n");
    s->overrides_text = text_dup("staff.coach.fte=2");
    strcpy(s->sha256_hex, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    s->source_mtime = 1600000000;
    return s;
}

typedef struct {
    scenario *s;
    results *r;
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->s = fixture_wbtest();
    f->r = results_compute(f->s);
    strcpy(f->dir, "/tmp/tkk-test-workbook-XXXXXX");
    if (!f->r || !mkdtemp(f->dir))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
    int rc = system(command);
    results_free(f->r);
    scenario_free(f->s);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* ---- helpers ------------------------------------------------------------------------ */

static char *path_in(const fixture *f, const char *name)
{
    size_t size = strlen(f->dir) + strlen(name) + 2;
    char *path = malloc(size);
    assert_non_null(path);
    snprintf(path, size, "%s/%s", f->dir, name);
    return path;
}

static void write_ok(const fixture *f, const char *path, language lang)
{
    char error[256] = "unchanged";
    int rc = workbook_write(path, f->s, f->r, lang, error, sizeof error);
    if (rc != 0)
        fprintf(stderr, "workbook_write: %s\n", error);
    assert_int_equal(rc, 0);
    assert_string_equal(error, "");
}

/* ---- atomic write ------------------------------------------------------------------- */

static void test_write_leaves_only_the_workbook(void **state)
{
    fixture *f = *state;
    char *path = path_in(f, "wbtest.xlsx");
    write_ok(f, path, LANG_FI);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "wbtest.xlsx");   /* no temporary file left behind */

    /* A zip file, with the usual permissions rather than mkstemp's 0600. */
    size_t length;
    char *data = slurp(path, &length);
    assert_memory_equal(data, "PK\x03\x04", 4);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
    free(data);
    free(path);
}

static void test_write_replaces_an_existing_file(void **state)
{
    fixture *f = *state;
    char *path = path_in(f, "old.xlsx");
    FILE *old = fopen(path, "w");
    assert_non_null(old);
    fputs("old contents", old);
    fclose(old);
    write_ok(f, path, LANG_EN);
    size_t length;
    char *data = slurp(path, &length);
    assert_memory_equal(data, "PK\x03\x04", 4);
    free(data);
    free(path);
}

static void test_missing_directory_fails_cleanly(void **state)
{
    fixture *f = *state;
    char *path = path_in(f, "no-such-dir/x.xlsx");
    char error[256] = "";
    assert_int_equal(workbook_write(path, f->s, f->r, LANG_FI, error, sizeof error), TKK_ERR_IO);
    char expected[300];
    snprintf(expected, sizeof expected, "cannot write %s: No such file or directory", path);
    assert_string_equal(error, expected);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "");
    free(path);
}

/* A failure after the workbook is written (rename onto a folder) removes the temporary
 * file and leaves what was there untouched. */
static void test_late_failure_removes_the_temporary_file(void **state)
{
    fixture *f = *state;
    char *path = path_in(f, "taken");
    assert_int_equal(mkdir(path, 0755), 0);
    char error[256] = "";
    assert_int_equal(workbook_write(path, f->s, f->r, LANG_FI, error, sizeof error), TKK_ERR_IO);
    assert_non_null(strstr(error, "cannot write "));
    assert_non_null(strstr(error, path));
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "taken");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    free(path);
}

/* ---- reproducibility ---------------------------------------------------------------- */

static void assert_same_bytes(const char *a_path, const char *b_path)
{
    size_t a_length, b_length;
    char *a = slurp(a_path, &a_length);
    char *b = slurp(b_path, &b_length);
    assert_int_equal(a_length, b_length);
    assert_memory_equal(a, b, a_length);
    free(a);
    free(b);
}

static void test_same_inputs_same_bytes(void **state)
{
    fixture *f = *state;
    char *a = path_in(f, "a.xlsx"), *b = path_in(f, "b.xlsx");
    write_ok(f, a, LANG_FI);
    sleep(2);   /* zip entry times have a 2-second resolution */
    write_ok(f, b, LANG_FI);
    assert_same_bytes(a, b);
    free(a);
    free(b);
}

/* Without `date`, SOURCE_DATE_EPOCH fixes the time stamp; without both, the file's
 * modification time does. */
static void test_creation_time_without_date(void **state)
{
    fixture *f = *state;
    f->s->has_date = false;
    char *a = path_in(f, "a.xlsx"), *b = path_in(f, "b.xlsx"), *c = path_in(f, "c.xlsx");
    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
    write_ok(f, a, LANG_EN);
    write_ok(f, b, LANG_EN);
    assert_same_bytes(a, b);
    assert_int_equal(unsetenv("SOURCE_DATE_EPOCH"), 0);
    write_ok(f, c, LANG_EN);

    /* The time stamps themselves: SOURCE_DATE_EPOCH 1700000000, then source_mtime. */
    char command[512];
    snprintf(command, sizeof command,
             "unzip -p '%s' docProps/core.xml | grep -q '2023-11-14T22:13:20Z' && "
             "unzip -p '%s' docProps/core.xml | grep -q '2020-09-13T12:26:40Z'",
             a, c);
    if (system("command -v unzip >/dev/null 2>&1") == 0)
        assert_int_equal(system(command), 0);
    f->s->has_date = true;
    free(a);
    free(b);
    free(c);
}

/* ---- contents, read back with openpyxl ------------------------------------------------ */

static const char contents_check[] =
    "import sys, zipfile, re\n"
    "sys.path.insert(0, 'tests')\n"
    "import xlsx_tables\n"
    "fi_path, en_path = sys.argv[1], sys.argv[2]\n"
    "def eq(what, got, want):\n"
    "    if got != want:\n"
    "        print('MISMATCH %s: got %r, want %r' % (what, got, want)); sys.exit(1)\n"
    "def near(what, got, want):\n"
    "    if got is None or abs(got - want) > 0.001:\n"
    "        print('MISMATCH %s: got %r, want %r' % (what, got, want)); sys.exit(1)\n"
    "with xlsx_tables.open_book(fi_path) as book:\n"
    "    eq('fi sheets', book.sheet_names(), ['Yhteenveto', 'Talousarvio', 'Henkilöstö',\n"
    "       'Kustannukset', 'Kuukausittain', 'Rahoitus', 'Bonus', 'Palkkiot', 'Mittarit',\n"
    "       'Lähtötiedot'])\n"
    "    eq('fi budget header', book.header('Budget'), ['Vuosi', 'Luokka', 'Talousarvio',\n"
    "       'Suunnitelma', 'Toteuma', 'Toteuma - Talousarvio', 'Toteuma - Suunnitelma',\n"
    "       'Käyttö %'])\n"
    "with xlsx_tables.open_book(en_path) as book:\n"
    "    eq('en sheets', book.sheet_names(), ['Summary', 'Budget', 'Staff', 'Costs', 'Monthly',\n"
    "       'Funding', 'Bonus', 'Rewards', 'KPIs', 'Inputs'])\n"
    "    eq('tables', sorted(book.table_names()), sorted(['Budget', 'Staff', 'Costs',\n"
    "       'MonthlyDetail', 'Monthly', 'Funding', 'Bonus', 'KPIs', 'Rewards']))\n"
    "    headers = {\n"
    "     'Budget': 'Year, Category, Budget, Plan, Actual, Actual - Budget, Actual - Plan, Use %',\n"
    "     'Staff': 'ID, Role, Payer, Coach, FTE, Monthly salary, Side costs %, Start, End, Total',\n"
    "     'Costs': 'ID, Category, One-time, One-time month, Monthly, Start, End, Total',\n"
    "     'MonthlyDetail': 'Line, Category, Payer, Month, Amount',\n"
    "     'Monthly': 'Month, Personnel, Premises, Other, Total, State-paid, Coach FTE',\n"
    "     'Funding': 'Year, Months, Total cost, State-paid staff, Municipal cost, Eligible, '\n"
    "                'State grant, Municipal net cost, Actual, Actual net cost, Judged on, '\n"
    "                'Required own contribution, Status, Shortfall',\n"
    "     'Bonus': 'Project, Name, Grant, act, act (norm.), Score, Eligible, Reason, Basis, Cap, '\n"
    "              'Exact, Bonus, Bonus % of grant',\n"
    "     'KPIs': 'ID, Label, Year, Actual, Operator, Target, Met, Difference',\n"
    "     'Rewards': 'Criterion, Label, Amount, Persons, Total'}\n"
    "    for name, header in headers.items():\n"
    "        eq(name + ' header', book.header(name), header.split(', '))\n"
    "    rows = book.rows('Funding') + [book.total_row('Funding')]\n"
    "    eq('funding rows', [r['Year'] for r in rows], [2021, 2022, 'total'])\n"
    "    for r, want in zip(rows, [(18868.01, 2468, 16400.01, 16400.01, 10000, 6400.01, 2500),\n"
    "                              (18068, 2468, 15600, 15400, 10000, 5600, 2500),\n"
    "                              (36936.01, 4936, 32000.01, 31800.01, 20000, 12000.01, 5000)]):\n"
    "        got = (r['Total cost'], r['State-paid staff'], r['Municipal cost'], r['Eligible'],\n"
    "               r['State grant'], r['Municipal net cost'], r['Required own contribution'])\n"
    "        for g, w in zip(got, want): near('funding %s' % r['Year'], g, w)\n"
    "        eq('status', r['Status'], 'met')\n"
    "    # SPEC §5.4: 2022 has an actual 16 000 → net 16 000 − 10 000 = 6 000; 2021 none;\n"
    "    # the total is judged on both, without an Actual of its own.\n"
    "    eq('judged on', [r['Judged on'] for r in rows], ['plan', 'actual', 'mixed'])\n"
    "    eq('actual', [r['Actual'] for r in rows], [None, 16000, None])\n"
    "    eq('actual net', [r['Actual net cost'] for r in rows], [None, 6000, None])\n"
    "    b = book.find_row('Budget', Year=2021, Category='total')\n"
    "    near('budget 2021', b['Budget'], 20000); near('plan 2021', b['Plan'], 16400.01)\n"
    "    eq('actual 2021', b['Actual'], None); eq('use 2021', b['Use %'], None)\n"
    "    b = book.find_row('Budget', Year=2022, Category='total')\n"
    "    near('plan 2022', b['Plan'], 15600); near('actual - plan', b['Actual - Plan'], 400)\n"
    "    eq('actual - budget 2022', b['Actual - Budget'], None)\n"
    "    b = book.find_row('Budget', Year=2021, Category='personnel')\n"
    "    near('personnel plan', b['Plan'], 14400); near('personnel budget', b['Budget'], 15000)\n"
    "    eq('detail rows', len(book.rows('MonthlyDetail')), 4 + 4 + 4 + 2)\n"
    "    d = book.find_row('MonthlyDetail', Line='premises.office', Amount=1500.01)\n"
    "    eq('detail month', d['Month'].strftime('%Y-%m'), '2021-11')\n"
    "    m = book.rows('Monthly')[2]\n"
    "    near('monthly other', m['Other'], 100); near('monthly total', m['Total'], 9034)\n"
    "    near('monthly state', m['State-paid'], 1234); near('coach fte', m['Coach FTE'], 2)\n"
    "    s = book.find_row('Staff', ID='staff.state')\n"
    "    eq('payer', s['Payer'], 'state'); eq('coach', s['Coach'], 'no')\n"
    "    near('staff total', s['Total'], 4936)\n"
    "    c = book.find_row('Costs', ID='premises.office')\n"
    "    near('setup', c['One-time'], 1000.01); near('costs total', c['Total'], 3000.01)\n"
    "    k = book.find_row('KPIs', ID='caseload')\n"
    "    near('caseload', k['Actual'], 150); eq('met', k['Met'], 'no')\n"
    "    near('difference', k['Difference'], 10)\n"
    "    eq('no target', book.find_row('KPIs', ID='notarget')['Met'], None)\n"
    "    eq('ge met', book.find_row('KPIs', ID='activation')['Met'], 'yes')\n"
    "    near('reward b', book.find_row('Rewards', Criterion='b')['Total'], 999.99)\n"
    "    near('bonus p1', book.find_row('Bonus', Project='p1')['Bonus'], 750)\n"
    "    for name, want in [('Total_Cost', 36936.01), ('Municipal_Cost', 32000.01),\n"
    "                       ('State_Grant', 20000), ('Municipal_Net_Cost', 12000.01),\n"
    "                       ('Bonus_Pool', 1000), ('Bonus_Allocated', 1000),\n"
    "                       ('Bonus_Unallocated', 0), ('Reward_Claimed', 1499.99),\n"
    "                       ('Reward_Paid', 1000)]:\n"
    "        near(name, book.name_value(name), want)\n"
    "with zipfile.ZipFile(en_path) as z:\n"
    "    sheet = z.read('xl/worksheets/sheet2.xml').decode()\n"
    "    eq('page header', re.search('<oddHeader>(.*?)</oddHeader>', sheet).group(1),\n"
    "       '&amp;CTesti &amp;&amp; Co &lt;kokeilu&gt;')\n"
    "    eq('page footer', re.search('<oddFooter>(.*?)</oddFooter>', sheet).group(1),\n"
    "       '&amp;Ltkk 1.0.0 · SHA-256 0123456789ab&amp;R&amp;P / &amp;N')\n"
    "    eq('paper', re.search('paperSize=\"(\\\\d+)\"', sheet).group(1), '9')\n"
    "    eq('not shrunk to one page width (SPEC §7.1)', 'fitToPage' not in sheet, True)\n"
    "    scale = re.search('scale=\"(\\\\d+)\"', sheet)\n"
    "    eq('print scale at least 70 %', scale is None or int(scale.group(1)) >= 70, True)\n"
    "    core = z.read('docProps/core.xml').decode()\n"
    "    eq('title', '<dc:title>Testi &amp; Co &lt;kokeilu&gt;</dc:title>' in core, True)\n"
    "    eq('author', '<dc:creator>Testaaja</dc:creator>' in core, True)\n"
    "    eq('created', '2022-03-31T00:00:00Z' in core, True)\n"
    "    custom = z.read('docProps/custom.xml').decode()\n"
    "    eq('custom version', 'name=\"tkk version\"' in custom and '>1.0.0<' in custom, True)\n"
    "    eq('custom sha', 'name=\"Input SHA-256\"' in custom and '0123456789abcdef' in custom, True)\n"
    "import openpyxl\n"
    "ws = openpyxl.load_workbook(en_path)['Inputs']\n"
    "texts = [ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)]\n"
    "eq('crlf line', 'id = wbtest' in texts, True)\n"
    "eq('bad bytes', 'bad = \\ufffd\\ufffd end' in texts, True)\n"
    "eq('formula-like text', '=SUM(A1)' in texts, True)\n"
    "eq('override', 'staff.coach.fte=2' in texts, True)\n"
    "print('contents ok')\n";

static bool have_python(void)
{
    return access("/usr/bin/python3", X_OK) == 0 &&
           system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") == 0;
}

static void test_contents(void **state)
{
    fixture *f = *state;
    if (!have_python())
        skip();
    char *fi = path_in(f, "fi.xlsx"), *en = path_in(f, "en.xlsx"), *py = path_in(f, "check.py");
    write_ok(f, fi, LANG_FI);
    write_ok(f, en, LANG_EN);
    FILE *script = fopen(py, "w");
    assert_non_null(script);
    fputs(contents_check, script);
    fclose(script);
    char command[512];
    snprintf(command, sizeof command, "/usr/bin/python3 '%s' '%s' '%s'", py, fi, en);
    assert_int_equal(system(command), 0);
    free(fi);
    free(en);
    free(py);
}

/* SPEC §6: LibreOffice recalculating the workbook gives back every cached value. */
static void test_recalculation(void **state)
{
    fixture *f = *state;
    const char *skip_recalc = getenv("TKK_SKIP_RECALC");
    if ((skip_recalc && skip_recalc[0]) || !have_python() ||
        system("command -v soffice >/dev/null 2>&1") != 0 ||
        access("tests/recalc_check.py", R_OK) != 0)
        skip();
    char *fi = path_in(f, "fi.xlsx"), *en = path_in(f, "en.xlsx");
    write_ok(f, fi, LANG_FI);
    f->s->rounding = ROUND_HALF_EVEN;   /* values where ROUND would not be Excel's */
    write_ok(f, en, LANG_EN);
    f->s->rounding = ROUND_HALF_UP;
    char command[512];
    snprintf(command, sizeof command, "/usr/bin/python3 tests/recalc_check.py '%s' '%s'", fi, en);
    assert_int_equal(system(command), 0);
    free(fi);
    free(en);
}

/* wb_cell and wb_cell_abs name cells without snprintf (issue 13): the very text of
 * libxlsxwriter's lxw_rowcol_to_cell(_abs), at every column-letter boundary (Z/AA,
 * ZZ/AAA), the last column XFD and rows up to Excel's last, 1 048 576. */
static void test_cell_names(void **state)
{
    (void)state;
    static const lxw_col_t cols[] = {0, 1, 25, 26, 27, 51, 52, 701, 702, 703, 16383};
    static const lxw_row_t rows[] = {0, 8, 9, 10, 98, 99, 99999, 1048575};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
        for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
            char ours[32], theirs[32];
            wb_cell(ours, rows[k], cols[i]);
            lxw_rowcol_to_cell(theirs, rows[k], cols[i]);
            assert_string_equal(ours, theirs);
            wb_cell_abs(ours, rows[k], cols[i]);
            lxw_rowcol_to_cell_abs(theirs, rows[k], cols[i], 1, 1);
            assert_string_equal(ours, theirs);
        }
    char cell[32];
    wb_cell(cell, 17, 26);          /* by hand: column 27 is AA, row 18 */
    assert_string_equal(cell, "AA18");
    wb_cell_abs(cell, 1048575, 16383);
    assert_string_equal(cell, "$XFD$1048576");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_names),
        cmocka_unit_test_setup_teardown(test_write_leaves_only_the_workbook, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_replaces_an_existing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_directory_fails_cleanly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_late_failure_removes_the_temporary_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_same_inputs_same_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_creation_time_without_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recalculation, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
