import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

// no secret value in any output: the build log, the stack file, the reports, docker stack config's reading of it
def stack = 'swarmit-secrets-hygiene'
def values = ['file-Value-5n1p6z', 'env-Value-7f3k9q', 'prop-Value-2m8x4w']
def checks = evaluate(new File(itSources, '_shared/StackChecks.groovy'))
def result = checks.checkGenerated(basedir, localRepositoryPath, 'secrets-hygiene', stack)

def log = new File(basedir, 'build.log').text
def contents = new File(basedir, "target/swarm/${stack}-contents")
def outputs = [('build.log'): log, ('docker stack config'): result.config]
new File(basedir, 'target/swarm').eachFileRecurse { file ->
    if (file.isFile() && !file.toPath().startsWith(contents.toPath())) {
        outputs[file.path] = file.text
    }
}
assert outputs.keySet().any { it.endsWith("${stack}-deploy.json") }
outputs.each { name, text ->
    values.each { value -> assert !text.contains(value) : "${name} contains the secret value ${value}" }
}

// every secret and the config is named after its content, in the stack file and on the engine
['token', 'db_password', 'api_key'].each { key ->
    assert result.stack =~ /name: ${stack}_${key}-[0-9a-f]{8}/
    assert log =~ /create\s+secret\s+${stack}_${key}-[0-9a-f]{8}/
}
assert log =~ /create\s+config\s+${stack}_banner-[0-9a-f]{8}/
// the stack file names exactly what deploy created, so docker stack deploy of it creates the same objects
(log =~ /create\s+(?:secret|config)\s+(\S+)/).each { match -> assert result.stack.contains("name: ${match[1]}") }
assert result.stack.contains('template_driver: golang')
// diff after deploy: nothing to change
assert log =~ /Plan for stack ${stack}: 0 change\(s\)/

// what generate wrote for the in-memory sources: readable by the owner only
['secrets/db_password', 'secrets/api_key', 'configs/banner'].each { path ->
    def file = new File(contents, path).toPath()
    assert Files.isRegularFile(file) : "${file} missing"
    assert PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) == 'rw-------'
}
assert new File(contents, 'secrets/db_password').text == 'env-Value-7f3k9q' : 'the grep above looks for what was used'
assert new File(contents, 'secrets/token').exists() == false : 'a file source is referenced where it is'

def left = ['docker', 'secret', 'ls', '-q', '--filter', "label=com.docker.stack.namespace=${stack}"].execute()
left.waitFor()
assert left.text.trim().isEmpty() : 'swarm:rm left secrets behind'
true
