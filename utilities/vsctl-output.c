/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Tables of database values printed in the formats of ovs-vsctl's
 * --format option ("list", "table", "csv", "html", "json"), with cells in
 * the style of --data ("string", "bare", "json"). */

#include <config.h>
#include "vsctl.h"

#include <float.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vsctl_output);

void
vsctl_table_init(struct vsctl_table *table)
{
    memset(table, 0, sizeof *table);
}

void
vsctl_table_destroy(struct vsctl_table *table)
{
    size_t i;

    if (!table) {
        return;
    }
    for (i = 0; i < table->n_columns; i++) {
        free(table->headings[i]);
    }
    free(table->headings);
    for (i = 0; i < table->n_rows * table->n_columns; i++) {
        struct vsctl_cell *cell = &table->cells[i];

        if (cell->type) {
            ovsdb_datum_destroy(&cell->datum, cell->type);
        }
    }
    free(table->cells);
}

/* Columns are added before the first row. */
void
vsctl_table_add_column(struct vsctl_table *table, const char *heading)
{
    table->headings = xrealloc(table->headings,
                               (table->n_columns + 1)
                               * sizeof *table->headings);
    table->headings[table->n_columns++] = xstrdup(heading);
}

void
vsctl_table_add_row(struct vsctl_table *table)
{
    size_t i;

    if (table->n_rows >= table->allocated_rows) {
        table->allocated_rows = table->allocated_rows * 2 + 8;
        table->cells = xrealloc(table->cells,
                                table->allocated_rows * table->n_columns
                                * sizeof *table->cells);
    }
    for (i = 0; i < table->n_columns; i++) {
        struct vsctl_cell *cell
            = &table->cells[table->n_rows * table->n_columns + i];

        ovsdb_datum_init_empty(&cell->datum);
        cell->type = NULL;
    }
    table->n_rows++;
}

void
vsctl_table_set_cell(struct vsctl_table *table, size_t column,
                     const struct ovsdb_datum *datum,
                     const struct ovsdb_type *type)
{
    struct vsctl_cell *cell;

    cell = &table->cells[(table->n_rows - 1) * table->n_columns + column];
    if (cell->type) {
        ovsdb_datum_destroy(&cell->datum, cell->type);
    }
    ovsdb_datum_clone(&cell->datum, datum, type);
    cell->type = type;
}

/* JSON text. */

static void json_format__(const json_t *, int level, bool pretty,
                          struct ds *);

static void
json_indent__(int level, bool pretty, struct ds *out)
{
    if (pretty) {
        ds_put_char(out, '\n');
        ds_put_char_multiple(out, ' ', level * 2);
    }
}

static int
compare_strings__(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

static void
json_object_format__(const json_t *json, int level, bool pretty,
                     struct ds *out)
{
    size_t n = json_object_size(json), i = 0;
    const char **keys;
    const char *key;
    json_t *value;

    if (!n) {
        ds_put_cstr(out, "{}");
        return;
    }
    keys = xmalloc(n * sizeof *keys);
    json_object_foreach ((json_t *) json, key, value) {
        keys[i++] = key;
    }
    qsort(keys, n, sizeof *keys, compare_strings__);

    ds_put_char(out, '{');
    for (i = 0; i < n; i++) {
        if (i) {
            ds_put_char(out, ',');
        }
        json_indent__(level + 1, pretty, out);
        vsctl_put_quoted_string(out, keys[i]);
        ds_put_cstr(out, pretty ? ": " : ":");
        json_format__(json_object_get(json, keys[i]), level + 1, pretty,
                      out);
    }
    ds_put_char(out, '}');
    free(keys);
}

static void
json_format__(const json_t *json, int level, bool pretty, struct ds *out)
{
    size_t i;

    switch (json_typeof(json)) {
    case JSON_OBJECT:
        json_object_format__(json, level, pretty, out);
        break;
    case JSON_ARRAY:
        if (!json_array_size(json)) {
            ds_put_cstr(out, "[]");
            break;
        }
        ds_put_char(out, '[');
        for (i = 0; i < json_array_size(json); i++) {
            if (i) {
                ds_put_char(out, ',');
            }
            json_indent__(level + 1, pretty, out);
            json_format__(json_array_get(json, i), level + 1, pretty, out);
        }
        ds_put_char(out, ']');
        break;
    case JSON_STRING:
        vsctl_put_quoted_string(out, json_string_value(json));
        break;
    case JSON_INTEGER:
        ds_put_format(out, "%"JSON_INTEGER_FORMAT, json_integer_value(json));
        break;
    case JSON_REAL:
        ds_put_format(out, "%.*g", DBL_DIG, json_real_value(json));
        break;
    case JSON_TRUE:
        ds_put_cstr(out, "true");
        break;
    case JSON_FALSE:
        ds_put_cstr(out, "false");
        break;
    case JSON_NULL:
    default:
        ds_put_cstr(out, "null");
        break;
    }
}

void
vsctl_json_format(const json_t *json, bool pretty, struct ds *out)
{
    json_format__(json, 0, pretty, out);
}

/* Cells. */

static const struct vsctl_cell *
cell_at__(const struct vsctl_table *table, size_t row, size_t column)
{
    return &table->cells[row * table->n_columns + column];
}

static char *
cell_to_text__(const struct vsctl_cell *cell, enum vsctl_data data)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    if (!cell->type) {
        return xstrdup("");
    }
    switch (data) {
    case VSCTL_DATA_BARE:
        vsctl_datum_to_bare(&cell->datum, cell->type, &s);
        break;
    case VSCTL_DATA_JSON: {
        json_t *json = ovsdb_datum_to_json(&cell->datum, cell->type);

        vsctl_json_format(json, false, &s);
        json_decref(json);
        break;
    }
    case VSCTL_DATA_STRING:
    default:
        vsctl_datum_to_string(&cell->datum, cell->type, &s);
        break;
    }
    return s.string ? ds_steal_cstr(&s) : xstrdup("");
}

/* Returns all cells as text, row-major. */
static char **
table_texts__(const struct vsctl_table *table, enum vsctl_data data)
{
    size_t n = table->n_rows * table->n_columns;
    char **texts = xmalloc((n ? n : 1) * sizeof *texts);
    size_t r, c;

    for (r = 0; r < table->n_rows; r++) {
        for (c = 0; c < table->n_columns; c++) {
            texts[r * table->n_columns + c]
                = cell_to_text__(cell_at__(table, r, c), data);
        }
    }
    return texts;
}

static void
free_texts__(char **texts, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(texts[i]);
    }
    free(texts);
}

/* Formats. */

static void
format_list__(const struct vsctl_table *table,
              const struct vsctl_table_style *style, char **texts,
              struct ds *out)
{
    size_t r, c;

    for (r = 0; r < table->n_rows; r++) {
        if (r) {
            ds_put_char(out, '\n');
        }
        for (c = 0; c < table->n_columns; c++) {
            const char *text = texts[r * table->n_columns + c];

            if (style->headings) {
                ds_put_format(out, "%-20s: %s\n", table->headings[c], text);
            } else {
                ds_put_format(out, "%s\n", text);
            }
        }
    }
}

static void
put_padded__(struct ds *out, const char *s, size_t width, bool last)
{
    ds_put_cstr(out, s);
    if (!last) {
        ds_put_char_multiple(out, ' ', width - strlen(s) + 1);
    }
}

static void
format_table__(const struct vsctl_table *table,
               const struct vsctl_table_style *style, char **texts,
               struct ds *out)
{
    size_t *widths = xzalloc((table->n_columns + 1) * sizeof *widths);
    size_t n = table->n_columns;
    size_t r, c;

    for (c = 0; c < n; c++) {
        if (style->headings) {
            widths[c] = strlen(table->headings[c]);
        }
        for (r = 0; r < table->n_rows; r++) {
            size_t len = strlen(texts[r * n + c]);

            widths[c] = MAX(widths[c], len);
        }
    }

    if (style->headings) {
        for (c = 0; c < n; c++) {
            put_padded__(out, table->headings[c], widths[c], c == n - 1);
        }
        ds_put_char(out, '\n');
        for (c = 0; c < n; c++) {
            if (c) {
                ds_put_char(out, ' ');
            }
            ds_put_char_multiple(out, '-', widths[c]);
        }
        ds_put_char(out, '\n');
    }
    for (r = 0; r < table->n_rows; r++) {
        size_t start = out->length;

        for (c = 0; c < n; c++) {
            put_padded__(out, texts[r * n + c], widths[c], c == n - 1);
        }
        /* Empty last cells (bare data) leave no trailing blanks. */
        while (out->length > start && out->string[out->length - 1] == ' ') {
            out->length--;
        }
        ds_put_char(out, '\n');
    }
    free(widths);
}

static void
put_csv_cell__(struct ds *out, const char *s)
{
    if (!strpbrk(s, "\n\r\",")) {
        ds_put_cstr(out, s);
        return;
    }
    ds_put_char(out, '"');
    for (; *s; s++) {
        if (*s == '"') {
            ds_put_char(out, '"');
        }
        ds_put_char(out, *s);
    }
    ds_put_char(out, '"');
}

static void
format_csv__(const struct vsctl_table *table,
             const struct vsctl_table_style *style, char **texts,
             struct ds *out)
{
    size_t n = table->n_columns;
    size_t r, c;

    if (style->headings) {
        for (c = 0; c < n; c++) {
            if (c) {
                ds_put_char(out, ',');
            }
            put_csv_cell__(out, table->headings[c]);
        }
        ds_put_char(out, '\n');
    }
    for (r = 0; r < table->n_rows; r++) {
        for (c = 0; c < n; c++) {
            if (c) {
                ds_put_char(out, ',');
            }
            put_csv_cell__(out, texts[r * n + c]);
        }
        ds_put_char(out, '\n');
    }
}

static void
put_html_text__(struct ds *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            ds_put_cstr(out, "&amp;");
            break;
        case '<':
            ds_put_cstr(out, "&lt;");
            break;
        case '>':
            ds_put_cstr(out, "&gt;");
            break;
        case '"':
            ds_put_cstr(out, "&quot;");
            break;
        default:
            ds_put_char(out, *s);
            break;
        }
    }
}

/* Puts cell 'text' of column 'heading' into an HTML table: the "_uuid"
 * column becomes an anchor named after the row, and every UUID elsewhere a
 * link to such an anchor, shown by its first 8 digits. */
static void
put_html_cell__(struct ds *out, const char *heading, const char *text)
{
    struct uuid uuid;
    char *copy;

    if (!strcmp(heading, "_uuid")) {
        ds_put_cstr(out, "<a name=\"");
        put_html_text__(out, text);
        ds_put_cstr(out, "\">");
        copy = xmemdup0(text, MIN(strlen(text), 8));
        put_html_text__(out, copy);
        free(copy);
        ds_put_cstr(out, "</a>");
        return;
    }
    while (*text) {
        if (strlen(text) >= UUID_LEN
            && uuid_from_buffer(&uuid, text, UUID_LEN)) {
            ds_put_format(out, "<a href=\"#%.*s\">%.8s</a>", UUID_LEN, text,
                          text);
            text += UUID_LEN;
        } else {
            char c[2] = { *text++, '\0' };

            put_html_text__(out, c);
        }
    }
}

static void
format_html__(const struct vsctl_table *table,
              const struct vsctl_table_style *style, char **texts,
              struct ds *out)
{
    size_t n = table->n_columns;
    size_t r, c;

    ds_put_cstr(out, "<table border=1>\n");
    if (style->headings) {
        ds_put_cstr(out, "  <tr>\n");
        for (c = 0; c < n; c++) {
            ds_put_cstr(out, "    <th>");
            put_html_text__(out, table->headings[c]);
            ds_put_cstr(out, "</th>\n");
        }
        ds_put_cstr(out, "  </tr>\n");
    }
    for (r = 0; r < table->n_rows; r++) {
        ds_put_cstr(out, "  <tr>\n");
        for (c = 0; c < n; c++) {
            ds_put_cstr(out, "    <td>");
            put_html_cell__(out, table->headings[c], texts[r * n + c]);
            ds_put_cstr(out, "</td>\n");
        }
        ds_put_cstr(out, "  </tr>\n");
    }
    ds_put_cstr(out, "</table>\n");
}

static void
format_json__(const struct vsctl_table *table,
              const struct vsctl_table_style *style, struct ds *out)
{
    json_t *top = json_object();
    json_t *data = json_array();
    size_t r, c;

    for (r = 0; r < table->n_rows; r++) {
        json_t *row = json_array();

        for (c = 0; c < table->n_columns; c++) {
            const struct vsctl_cell *cell = cell_at__(table, r, c);

            json_array_append_new(row, (cell->type
                                        ? ovsdb_datum_to_json(&cell->datum,
                                                              cell->type)
                                        : json_null()));
        }
        json_array_append_new(data, row);
    }
    json_object_set_new(top, "data", data);
    /* The stock tool gives the headings even with --no-headings. */
    {
        json_t *headings = json_array();

        for (c = 0; c < table->n_columns; c++) {
            json_array_append_new(headings,
                                  json_string(table->headings[c]));
        }
        json_object_set_new(top, "headings", headings);
    }
    vsctl_json_format(top, style->pretty, out);
    ds_put_char(out, '\n');
    json_decref(top);
}

void
vsctl_table_format(const struct vsctl_table *table,
                   const struct vsctl_table_style *style, struct ds *out)
{
    size_t n_cells = table->n_rows * table->n_columns;
    char **texts;

    if (style->format == VSCTL_FORMAT_JSON) {
        format_json__(table, style, out);
        return;
    }

    texts = table_texts__(table, style->data);
    switch (style->format) {
    case VSCTL_FORMAT_TABLE:
        format_table__(table, style, texts, out);
        break;
    case VSCTL_FORMAT_CSV:
        format_csv__(table, style, texts, out);
        break;
    case VSCTL_FORMAT_HTML:
        format_html__(table, style, texts, out);
        break;
    case VSCTL_FORMAT_JSON:
    case VSCTL_FORMAT_LIST:
    default:
        format_list__(table, style, texts, out);
        break;
    }
    free_texts__(texts, n_cells);
}
