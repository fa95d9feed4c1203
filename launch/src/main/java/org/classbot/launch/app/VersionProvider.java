package org.classbot.launch.app;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"classbot " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
}
