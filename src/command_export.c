#include "cli.h"
#include "common.h"
int command_export(const cli_options *opts) { (void)opts; return EXIT_USAGE; }
