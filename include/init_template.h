/*
 * init_template — the commented scenario template of `tkk init` (SPEC §7.3).
 *
 *     fputs(init_template(LANG_FI), f);    // a Finnish template with the Salo figures
 */
#ifndef TKK_INIT_TEMPLATE_H
#define TKK_INIT_TEMPLATE_H

#include "language.h"

/* The template text (UTF-8, static) in lang's words. */
const char *init_template(language lang);

#endif
