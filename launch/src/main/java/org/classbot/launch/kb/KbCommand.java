package org.classbot.launch.kb;

import org.classbot.launch.app.UserError;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.classbot.launch.kb.KbDeleteCommand;
import org.classbot.launch.kb.KbIngestCommand;
import org.classbot.launch.kb.KbListCommand;
import org.classbot.launch.kb.KbSearchCommand;

/** {@code classbot kb ingest|search|list|delete}: the knowledge base (org.classbot.launch.kb holds the sub-commands). */
@Command(name = "kb", mixinStandardHelpOptions = true,
        description = "The knowledge base: lab documents for cited answers. 知识库：导入、检索、列出、删除文档。",
        subcommands = {KbIngestCommand.class, KbSearchCommand.class, KbListCommand.class, KbDeleteCommand.class})
public final class KbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new UserError("missing sub-command: classbot kb ingest|search|list|delete (see 'classbot kb --help')");
    }
}
