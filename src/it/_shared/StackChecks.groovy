// Checks every generate IT makes; evaluated by each verify.groovy (invoker runs only the projects' own scripts).

/** The stack file exists, docker stack config accepts it, and the build attached and installed it. */
def checkGenerated(File basedir, File localRepositoryPath, String artifactId, String stackName) {
    File stack = new File(basedir, "target/swarm/${stackName}.yml")
    assert stack.isFile() : "no stack file at ${stack}"

    def cli = ['docker', 'stack', 'config', '-c', stack.absolutePath].execute()
    def out = new StringBuilder(), err = new StringBuilder()
    // waits for both streams to end, not only for the process: the output is read below
    cli.waitForProcessOutput(out, err)
    assert cli.exitValue() == 0 : "docker stack config refused ${stack}:\n${err}"

    File installed = new File(localRepositoryPath, "dev/swarmstack/it/${artifactId}/1.0/${artifactId}-1.0-stack.yml")
    assert installed.isFile() : "the stack file was not attached: ${installed} is missing"
    assert installed.text == stack.text
    return [stack: stack.text, config: out.toString()]
}

return this
