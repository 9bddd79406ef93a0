def checks = evaluate(new File(itSources, '_shared/StackChecks.groovy'))
def result = checks.checkGenerated(basedir, localRepositoryPath, 'generate-pom-only', 'shop')

def config = result.config
assert config.contains('image: registry.example.com/shop/api:1.0')
assert config.contains('replicas: 3')
assert config.contains('mode: global')
assert config.contains('encrypted: ""')
assert config.contains('subnet: 10.20.0.0/22')
assert config.contains('start_period: 1m30s')
assert config.contains('shop-api')
assert config.contains('published: 9090')
